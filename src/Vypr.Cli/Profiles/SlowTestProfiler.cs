using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Vypr.Cli.Run;
using Vypr.Contracts;

namespace Vypr.Cli.Profiles;

/// <summary>
/// Profiles a campaign's slowest tests (<c>profile: { slowest: N }</c>): which tests are slowest is known only once
/// they have run, so after the iterations each of them runs again, alone (by a filter on its method), with the input
/// of the iteration in which it was slowest, under an EventPipe CPU sampling session (<see cref="ProcessTreeTracer"/>)
/// that writes <c>profiles/&lt;rank&gt;-&lt;test&gt;.nettrace</c> in the campaign directory. A test that cannot be profiled
/// says why in the summary; the campaign's results and exit code are those of its iterations either way.
/// </summary>
internal sealed class SlowTestProfiler(CampaignConfig config, TextWriter error, CancellationToken cancel)
{
    /// <summary>The profiles' directory in the campaign directory.</summary>
    public const string DirectoryName = "profiles";

    private const int MaxFileNameLength = 100;

    /// <summary>Profiles the slowest tests of the finished iterations.</summary>
    /// <param name="iterations">The campaign's finished iterations.</param>
    /// <param name="environment">The environment of a test run for an input, writing its results files into a directory.</param>
    /// <returns>One profile (or the reason there is none) per test, slowest first.</returns>
    public IReadOnlyList<TestProfile> Run(IReadOnlyList<IterationResults> iterations, Func<string?, string, Dictionary<string, string?>> environment)
    {
        string directory = Path.Combine(config.ResultsDirectory, DirectoryName);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        var profiles = new List<TestProfile>();
        foreach (Candidate candidate in Slowest(iterations, config.ProfileSlowest))
        {
            if (cancel.IsCancellationRequested)
            {
                break;
            }

            int rank = profiles.Count + 1;
            string? problem = null;
            string? file = null;
            if (!ProcessTreeTracer.Supported)
            {
                problem = "CPU sample profiles are made on Linux only (the test process is found through /proc)";
            }
            else if (Environment.GetEnvironmentVariable("DOTNET_EnableDiagnostics") == "0")
            {
                problem = "DOTNET_EnableDiagnostics=0 is set: the test process has no diagnostics port to start an EventPipe session on";
            }
            else if (ProjectOf(candidate.Assembly) is not { } project)
            {
                problem = $"no project of {config.File} builds the test assembly '{candidate.Assembly}'";
            }
            else
            {
                string name = $"{rank.ToString(CultureInfo.InvariantCulture)}-{FileName(candidate.Method)}";
                string trace = Path.Combine(directory, name + ".nettrace");
                Dictionary<string, string?> variables = environment(candidate.Iteration.Record.Input, Path.Combine(directory, name));
                variables[ProcessTreeTracer.SuspendVariable] = "1";

                // A suspended MSBuild node left for reuse would wait for a resume that never comes.
                variables["MSBUILDDISABLENODEREUSE"] = "1";
                variables["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
                using var stuck = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                var tracer = new ProcessTreeTracer(trace, commandLine => Priority(commandLine, candidate.Assembly)) { Stuck = stuck.Cancel };
                string log = Path.Combine(directory, name + ".log");
                int exit = ChildProcess.RunDotnet(Arguments(project, candidate.Method), variables, log, stuck.Token, tracer.Start);
                problem = tracer.Finish(TimeSpan.FromSeconds(60));
                if (problem is null && !IsNettrace(trace))
                {
                    problem = $"{CampaignReport.Display(trace)} is not a nettrace file";
                }

                if (problem is null)
                {
                    file = trace;
                    if (exit != 0)
                    {
                        problem = $"the profiled run exited with code {exit} (its output: {CampaignReport.Display(log)})";
                    }
                }
                else
                {
                    problem += $" (the run's output: {CampaignReport.Display(log)})";
                }
            }

            if (file is null)
            {
                error.WriteLine($"vypr run: no CPU sample profile of {candidate.Test.Name}: {problem}");
            }

            profiles.Add(new TestProfile(rank, candidate.Test.Name, candidate.Iteration.Record.Iteration, candidate.WallNanoseconds, file, problem));
        }

        return profiles;
    }

    /// <summary>Whether a file starts as a nettrace file does: <c>Nettrace</c>, then the FastSerialization header.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Whether it does.</returns>
    public static bool IsNettrace(string path)
    {
        byte[] magic = Encoding.ASCII.GetBytes("Nettrace");
        byte[] head = new byte[64];
        using FileStream stream = File.OpenRead(path);
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return read >= magic.Length && head.AsSpan(0, magic.Length).SequenceEqual(magic)
            && Encoding.ASCII.GetString(head, 0, read).Contains("!FastSerialization", StringComparison.Ordinal);
    }

    // The slowest test methods, each once (a theory's rows share a method, and the filter selects the method).
    private static IEnumerable<Candidate> Slowest(IReadOnlyList<IterationResults> iterations, int count) =>
        iterations
            .SelectMany(i => i.Documents.SelectMany(d => d.Tests
                .Where(t => t.EndedAt is not null)
                .Select(t => new Candidate(i, d.Run.Assembly, t, Method(t.Name), t.Measurements?.WallNanoseconds ?? (t.EndedAt!.Value - t.StartedAt).Ticks * 100))))
            .OrderByDescending(c => c.WallNanoseconds)
            .DistinctBy(c => (c.Assembly, c.Method))
            .Take(count);

    // "Ns.Class.Method(x: 1)" is a theory's row of Ns.Class.Method.
    private static string Method(string test) => (test.IndexOf('(', StringComparison.Ordinal) is var open and > 0 ? test[..open] : test).Trim();

    private CampaignProject? ProjectOf(string assembly) =>
        config.Projects.FirstOrDefault(p => AssemblyName(p) == assembly) ?? (config.Projects.Count == 1 ? config.Projects[0] : null);

    private static string AssemblyName(CampaignProject project)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(project.Path));
        return name.EndsWith("proj", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(name) : name;
    }

    private static List<string> Arguments(CampaignProject project, string method)
    {
        if (project.Runner == "run")
        {
            return ["run", "-c", "Release", "--no-build", "--project", project.Path, "--", "-method", method];
        }

        // VSTest's filter syntax gives \ ( ) & | = ! ~ meanings; a name's own are escaped.
        var escaped = new StringBuilder();
        foreach (char c in method)
        {
            escaped.Append(c is '\\' or '(' or ')' or '&' or '|' or '=' or '!' or '~' ? "\\" + c : c.ToString());
        }

        string filter = $"FullyQualifiedName={escaped}";
        return ["test", project.Path, "-c", "Release", "--no-build", "--filter", project.Filter is null ? filter : $"({project.Filter})&({filter})"];
    }

    // The test assembly's own process (xunit v3 runs it as one, under dotnet run and under dotnet test) before a
    // test host (xunit v2 runs the tests inside it). Only the entry assembly counts: vstest.console names the test
    // assembly among its arguments, and the dotnet command names the project.
    private static int Priority(IReadOnlyList<string> commandLine, string assembly)
    {
        string? entry = EntryOf(commandLine);
        string name = entry is null ? string.Empty : Path.GetFileName(entry);
        if (name == assembly || name == assembly + ".dll" || name == assembly + ".exe")
        {
            return 2;
        }

        return name is "testhost.dll" or "testhost" or "testhost.exe" ? 1 : 0;
    }

    // "dotnet [exec] [--host-option value]... app.dll args", or an app host "path/App args".
    private static string? EntryOf(IReadOnlyList<string> commandLine)
    {
        if (commandLine.Count == 0)
        {
            return null;
        }

        if (Path.GetFileNameWithoutExtension(commandLine[0]) != "dotnet")
        {
            return commandLine[0];
        }

        int i = 1;
        if (i < commandLine.Count && commandLine[i] == "exec")
        {
            i++;
        }

        while (i < commandLine.Count && commandLine[i].StartsWith("--", StringComparison.Ordinal))
        {
            i += 2;
        }

        return i < commandLine.Count ? commandLine[i] : null;
    }

    private static string FileName(string method)
    {
        var name = new StringBuilder();
        foreach (char c in method)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return name.Length <= MaxFileNameLength ? name.ToString() : name.ToString(name.Length - MaxFileNameLength, MaxFileNameLength);
    }

    private sealed record Candidate(IterationResults Iteration, string Assembly, TestInfo Test, string Method, long WallNanoseconds);
}

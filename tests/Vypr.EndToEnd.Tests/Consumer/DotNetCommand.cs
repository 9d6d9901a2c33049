using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.EndToEnd.Tests.Consumer;

/// <summary>One run of the dotnet CLI as a separate process, bounded in time, with its output and how long it took.</summary>
/// <remarks>
/// <see cref="ProcessorTime"/> is the CPU time of the command's whole process tree as Linux accounts it to this
/// process once the command has been waited for (children's user + system time): on a loaded machine it varies
/// far less than the elapsed time. It counts every child waited for meanwhile, so it is only meaningful when this
/// process runs one command at a time; null where /proc is missing.
/// </remarks>
public sealed record DotNetCommand(string Arguments, int ExitCode, string Output, TimeSpan Elapsed, TimeSpan? ProcessorTime)
{
    // Variables that the CLI running these tests passes down and that would make a nested build use the outer one's
    // MSBuild, SDK resolution or test settings instead of its own.
    private static readonly string[] s_inheritedPrefixes = ["MSBUILD", "MSBuild", "DOTNET_HOST_PATH", "VSTEST", "TESTINGPLATFORM", "VYPR_", "NUGET_"];

    public static async Task<DotNetCommand> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeLimit, CancellationToken cancellation, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in new List<string>(start.Environment.Keys))
        {
            if (Array.Exists(s_inheritedPrefixes, p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // No build servers or reused nodes: every process this test starts ends with the command.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        TimeSpan? childrenBefore = ChildrenProcessorTime();
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellation);
        try
        {
            await process.WaitForExitAsync(cancellation).WaitAsync(timeLimit, cancellation);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {timeLimit} in {workingDirectory}", e);
        }

        clock.Stop();
        return new DotNetCommand(string.Join(' ', arguments), process.ExitCode, await stdout + await stderr, clock.Elapsed, ChildrenProcessorTime() - childrenBefore);
    }

    // Fields 16 and 17 of /proc/self/stat (cutime, cstime) in clock ticks of 1/100 s; the command name before them is
    // in parentheses and may hold spaces, so fields are counted after its closing parenthesis.
    private static TimeSpan? ChildrenProcessorTime()
    {
        if (!System.IO.File.Exists("/proc/self/stat"))
        {
            return null;
        }

        string stat = System.IO.File.ReadAllText("/proc/self/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[14], System.Globalization.CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}

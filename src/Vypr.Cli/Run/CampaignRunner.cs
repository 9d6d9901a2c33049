using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Vypr.Cli.Commands;
using Vypr.Cli.Metadata;
using Vypr.Cli.Profiles;
using Vypr.Cli.Storage;
using Vypr.Server.Storage;

namespace Vypr.Cli.Run;

/// <summary>
/// Runs a campaign: builds each test project once, then runs every project once per input with monitoring on and
/// the input, stress and results directory in the environment; records each finished iteration in the checkpoint;
/// stops after a failing iteration under fail-fast; and writes the reports over every finished iteration.
/// </summary>
internal sealed class CampaignRunner(CampaignConfig config, TextWriter output, TextWriter error, CancellationToken cancel)
{
    /// <summary>The variable a test reads its iteration's input from.</summary>
    public const string InputVariable = "VYPR_INPUT";

    /// <summary>The variable a test reads the stress multiplier from.</summary>
    public const string StressVariable = "VYPR_STRESS";

    private const string BuildConfiguration = "Release";

    private readonly Dictionary<string, string?> _metadata = Metadata(config);
    private IResultsDestination? _destination;

    private string Directory => config.ResultsDirectory;

    /// <summary>Where the results of every iteration are stored: the configured server, else the SQLite store.</summary>
    /// <param name="config">The campaign.</param>
    /// <returns>The destination.</returns>
    public static IResultsDestination Destination(CampaignConfig config)
    {
        if (config.ServerUrl is not null)
        {
            return new ServerDestination(config.ServerUrl, config.ServerToken, config.Project);
        }

        string store = config.StorePath!;
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        return new StoreDestination(StoreLocation.Sqlite(store), config.Project ?? "default");
    }

    /// <summary>Runs the campaign.</summary>
    /// <param name="resume">Continue after the checkpoint's last iteration.</param>
    /// <param name="from">The first iteration to run (1-based), when not resuming.</param>
    /// <param name="max">How many iterations to run at most now.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="CampaignConfigException">The checkpoint does not fit the configuration, or the options ask for iterations it does not have.</exception>
    /// <exception cref="IOException">A file cannot be read or written.</exception>
    /// <exception cref="InvalidDataException">A checkpoint or results file is malformed.</exception>
    public int Run(bool resume, int? from, int? max)
    {
        IReadOnlyList<string?> inputs = config.Inputs.Count == 0 ? [null] : [.. config.Inputs];
        Checkpoint checkpoint;
        int first;
        if (resume)
        {
            checkpoint = Checkpoint.Read(Directory)
                ?? throw new CampaignConfigException($"vypr run: --resume: {Path.Combine(Directory, Checkpoint.FileName)} does not exist: there is no campaign to resume (run without --resume to start one).");
            if (!checkpoint.SameInputs(config.Inputs))
            {
                throw new CampaignConfigException($"vypr run: --resume: the inputs of {config.File} are not the ones {Path.Combine(Directory, Checkpoint.FileName)} was written for; start the campaign again without --resume.");
            }

            first = checkpoint.LastIteration + 1;
            foreach (IterationRecord unstored in checkpoint.Completed.Where(c => !c.Stored).OrderBy(c => c.Iteration).ToList())
            {
                if (!Store(unstored, ref checkpoint))
                {
                    return ExitCodes.Error;
                }
            }
        }
        else
        {
            first = from ?? 1;
            if (first > inputs.Count)
            {
                throw new CampaignConfigException($"vypr run: --from {first}: the campaign has {CampaignReport.Plural(inputs.Count, "iteration")}.");
            }

            checkpoint = new Checkpoint(Checkpoint.CurrentSchema, config.Inputs, []);
            StartFresh(inputs.Count);
        }

        int last = Math.Min(inputs.Count, max is { } m ? first - 1 + m : inputs.Count);
        if (first <= last && !BuildAll())
        {
            return cancel.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Error;
        }

        string? stopped = null;
        bool interrupted = false;
        bool storeFailed = false;
        for (int iteration = first; iteration <= last; iteration++)
        {
            IterationRecord? record = RunIteration(iteration, inputs[iteration - 1], inputs.Count);
            if (record is null)
            {
                if (cancel.IsCancellationRequested)
                {
                    interrupted = true;
                    stopped = $"interrupted during iteration {iteration}";
                    break;
                }

                return ExitCodes.Error;
            }

            checkpoint = checkpoint.With(record);
            checkpoint.Write(Directory);
            IterationResults results = IterationResults.Read(Directory, record);
            output.WriteLine(Progress(results, inputs.Count));
            if (!Store(record, ref checkpoint))
            {
                storeFailed = true;
                stopped = $"stopped after iteration {iteration}: its results could not be stored; fix the destination and continue with --resume";
                break;
            }

            if (config.FailFast && results.Failed && iteration < inputs.Count)
            {
                stopped = $"stopped by fail_fast after iteration {iteration}";
                break;
            }
        }

        if (stopped is null && checkpoint.LastIteration < inputs.Count)
        {
            stopped = $"stopped after iteration {checkpoint.LastIteration}; continue with --resume";
        }

        var iterations = checkpoint.Completed.OrderBy(c => c.Iteration).Select(c => IterationResults.Read(Directory, c)).ToList();
        IReadOnlyList<TestProfile> profiles = [];
        if (config.ProfileSlowest > 0 && !interrupted && iterations.Count > 0)
        {
            output.WriteLine($"vypr run: profiling the {CampaignReport.Plural(config.ProfileSlowest, "slowest test")} (each run again alone under an EventPipe CPU sampling session)");
            profiles = new SlowTestProfiler(config, error, cancel).Run(iterations, TestEnvironment);
            interrupted = cancel.IsCancellationRequested;
        }

        var report = new CampaignReport(config.File, Directory, iterations, inputs.Count, stopped) { Profiles = profiles };
        WriteReports(report);
        if (interrupted)
        {
            return ExitCodes.Interrupted;
        }

        if (storeFailed)
        {
            return ExitCodes.Error;
        }

        return report.Failed ? ExitCodes.Failed : ExitCodes.Success;
    }

    // The checkpoint says stored only after the destination has the results: a kill in between stores them again on
    // --resume, which the destination takes as the same runs (natural keys), never as new ones.
    private bool Store(IterationRecord record, ref Checkpoint checkpoint)
    {
        IResultsDestination destination = _destination ??= Destination(config);
        try
        {
            int verdicts = destination.StoreAsync([.. record.ResultsFiles.Select(f => Path.Combine(Directory, f))], cancel).GetAwaiter().GetResult();
            output.WriteLine($"[{record.Iteration}] stored {CampaignReport.Plural(record.ResultsFiles.Count, "results file")} ({CampaignReport.Plural(verdicts, "new verdict")}) in {destination.Description}");
        }
        catch (ResultsNotStoredException e)
        {
            error.WriteLine($"vypr run: iteration {record.Iteration}: the results were not stored: {e.Message}");
            return false;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return false;
        }

        checkpoint = checkpoint.With(record with { Stored = true });
        checkpoint.Write(Directory);
        return true;
    }

    // What the tests' runs record about the source (docs/results-format.md, "Run metadata"): the user's own values win.
    private static Dictionary<string, string?> Metadata(CampaignConfig config)
    {
        var metadata = new Dictionary<string, string?>
        {
            // The tool stores the results itself after each iteration; a test run must not ship them a second time.
            ["VYPR_SERVER_URL"] = null,
            ["VYPR_SERVER_TOKEN"] = null,
        };
        GitState git = GitState.Read(Path.GetDirectoryName(Path.GetFullPath(config.File))!);
        if (git.Commit is not null && Environment.GetEnvironmentVariable("VYPR_COMMIT") is null or "")
        {
            metadata["VYPR_COMMIT"] = git.Commit;
        }

        if (git.Branch is not null && Environment.GetEnvironmentVariable("VYPR_BRANCH") is null or "")
        {
            metadata["VYPR_BRANCH"] = git.Branch;
        }

        // The CI system and job need nothing from here: the runtime reads them from the variables the CI sets.
        if (git.Dirty is { } dirty && Environment.GetEnvironmentVariable("VYPR_DIRTY") is null or "")
        {
            metadata["VYPR_DIRTY"] = dirty ? "true" : "false";
        }

        return metadata;
    }

    private void StartFresh(int iterations)
    {
        // Only what a campaign writes is removed: the directory may be shared with other files.
        System.IO.Directory.CreateDirectory(Directory);
        foreach (string name in new[] { Checkpoint.FileName, JUnitReport.FileName, MarkdownSummary.FileName })
        {
            File.Delete(Path.Combine(Directory, name));
        }

        string profiles = Path.Combine(Directory, SlowTestProfiler.DirectoryName);
        if (System.IO.Directory.Exists(profiles))
        {
            System.IO.Directory.Delete(profiles, recursive: true);
        }

        for (int i = 1; i <= iterations; i++)
        {
            string iterationDirectory = IterationDirectory(i);
            if (System.IO.Directory.Exists(iterationDirectory))
            {
                System.IO.Directory.Delete(iterationDirectory, recursive: true);
            }
        }
    }

    private bool BuildAll()
    {
        foreach (CampaignProject project in config.Projects)
        {
            if (!File.Exists(project.Path) && !System.IO.Directory.Exists(project.Path))
            {
                error.WriteLine($"{project.Where}: error: the test project '{project.Path}' does not exist.");
                return false;
            }

            string log = Path.Combine(Directory, "build", LogName(project));
            output.WriteLine($"vypr run: building {CampaignReport.Display(project.Path)} ({BuildConfiguration})");
            int exit = ChildProcess.RunDotnet(["build", project.Path, "-c", BuildConfiguration], new Dictionary<string, string?>(), log, cancel);
            if (cancel.IsCancellationRequested)
            {
                return false;
            }

            if (exit != 0)
            {
                error.WriteLine($"vypr run: building {CampaignReport.Display(project.Path)} failed (exit code {exit}); the full output is in {CampaignReport.Display(log)}:");
                error.WriteLine(ChildProcess.Tail(log, 20));
                return false;
            }
        }

        return true;
    }

    private IterationRecord? RunIteration(int iteration, string? input, int count)
    {
        string iterationDirectory = IterationDirectory(iteration);

        // A killed campaign may have left part of this iteration behind: it is run again from nothing.
        if (System.IO.Directory.Exists(iterationDirectory))
        {
            System.IO.Directory.Delete(iterationDirectory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(iterationDirectory);
        Dictionary<string, string?> environment = TestEnvironment(input, iterationDirectory);

        output.WriteLine($"[{iteration}/{count}] input {input ?? "-"}: running");
        var clock = Stopwatch.StartNew();
        var exitCodes = new List<int>();
        var resultsFiles = new List<string>();
        foreach (CampaignProject project in config.Projects)
        {
            string log = Path.Combine(iterationDirectory, LogName(project));
            int exit = ChildProcess.RunDotnet(Arguments(project), environment, log, cancel);
            if (cancel.IsCancellationRequested)
            {
                return null;
            }

            string[] written = [.. System.IO.Directory.GetFiles(iterationDirectory, "*.json")
                .Select(f => Path.GetRelativePath(Directory, f))
                .Except(resultsFiles, StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)];
            if (written.Length == 0 && exit != 0)
            {
                error.WriteLine($"vypr run: the tests of {CampaignReport.Display(project.Path)} could not run (exit code {exit}, no results written); the full output is in {CampaignReport.Display(log)}:");
                error.WriteLine(ChildProcess.Tail(log, 20));
                return null;
            }

            exitCodes.Add(exit);
            resultsFiles.AddRange(written);
        }

        return new IterationRecord(iteration, input, exitCodes, resultsFiles, Math.Round(clock.Elapsed.TotalSeconds, 3));
    }

    // What every test run of the campaign sees (docs/cli.md, "What the tests see").
    private Dictionary<string, string?> TestEnvironment(string? input, string resultsDirectory)
    {
        var environment = new Dictionary<string, string?>
        {
            ["VYPR_MONITORING"] = "1",
            ["VYPR_RESULTS_DIR"] = resultsDirectory,
            ["VYPR_VIOLATIONS"] = config.Violations,
            [InputVariable] = input,
            [StressVariable] = config.Stress.ToString("R", CultureInfo.InvariantCulture),
            // Every iteration has a directory of its own: no older files to keep or prune.
            ["VYPR_KEEP_RESULTS"] = "all",
        };
        foreach ((string name, string? value) in _metadata)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static List<string> Arguments(CampaignProject project)
    {
        if (project.Runner == "run")
        {
            List<string> run = ["run", "-c", BuildConfiguration, "--no-build", "--project", project.Path];
            if (project.Filter is not null)
            {
                run.AddRange(["--", "-filter", project.Filter]);
            }

            return run;
        }

        List<string> test = ["test", project.Path, "-c", BuildConfiguration, "--no-build"];
        if (project.Filter is not null)
        {
            test.AddRange(["--filter", project.Filter]);
        }

        return test;
    }

    private static string Progress(IterationResults results, int count)
    {
        IterationRecord r = results.Record;
        string status = results.Failed ? "FAILED" : "ok";
        string failed = results.FailedTests.Count > 0 ? $", {results.FailedTests.Count} failed" : string.Empty;
        string exit = results.ProcessFailed ? $", exit code {string.Join(",", r.ExitCodes)}" : string.Empty;
        return $"[{r.Iteration}/{count}] input {CampaignReport.InputOf(r)}: {status}: {CampaignReport.Plural(results.Tests.Count, "test")}{failed}, " +
            $"{CampaignReport.Plural(results.Calls, "verdict")}, {CampaignReport.Plural(results.ViolationCount, "violation")}{exit} ({r.Seconds.ToString("0.0", CultureInfo.InvariantCulture)}s)";
    }

    private void WriteReports(CampaignReport report)
    {
        TerminalSummary.Write(report, output);
        string junit = Path.Combine(Directory, JUnitReport.FileName);
        string markdown = Path.Combine(Directory, MarkdownSummary.FileName);
        File.WriteAllText(junit, JUnitReport.Write(report));
        string summary = MarkdownSummary.Write(report);
        File.WriteAllText(markdown, summary);
        output.WriteLine($"JUnit XML: {CampaignReport.Display(junit)}; Markdown: {CampaignReport.Display(markdown)}; results: {CampaignReport.Display(Directory)}");
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
        {
            File.AppendAllText(stepSummary, summary + "\n");
        }
    }

    private string IterationDirectory(int iteration) => Path.Combine(Directory, iteration.ToString(CultureInfo.InvariantCulture));

    // "Uploader.Tests" is a directory's whole name, "Uploader.Tests.csproj" a file's: only a project file loses its extension.
    private static string LogName(CampaignProject project)
    {
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(project.Path));
        return (name.EndsWith("proj", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(name) : name) + ".log";
    }
}

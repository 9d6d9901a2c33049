using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Cli.Commands;
using Vypr.Load.Configuration;
using Vypr.Load.Reporting;
using Vypr.Load.Running;
using Vypr.Load.Storage;
using Vypr.Contracts;
using Vypr.Runtime;

namespace Vypr.Cli.Load;

/// <summary>
/// <c>vypr load -c plan.yml [-d 5m]</c>: runs a load plan, shows live progress, writes the JSON results and the
/// Markdown report, and exits 1 when a threshold fails (docs/load.md).
/// </summary>
internal static class LoadCommand
{
    // After a second Ctrl+C the run gets this long to write what it has before the process exits anyway.
    private static readonly TimeSpan s_abortGrace = TimeSpan.FromSeconds(3);

    // The variable the test runs' shipping reads too (docs/shipping.md): one token for every writer.
    private const string TokenVariable = "VYPR_SERVER_TOKEN";

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config", "-c") { Description = "The load plan (YAML, see docs/load.md).", Required = true };
        var duration = new Option<string?>("--duration", "-d") { Description = "How long to fire, such as 30s, 5m or 1h; overrides the plan's duration." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The JSON results file (default: vypr-load-results.json in the current directory)." };
        var report = new Option<FileInfo?>("--report", "-r") { Description = "The Markdown report (default: vypr-load-report.md in the current directory)." };
        var interval = new Option<string?>("--progress-interval") { Description = "How often progress is shown, such as 1s (default) or 500ms." };
        var html = new Option<FileInfo?>("--html") { Description = "Also write a self-contained HTML report (charts of latency and rate over time, the latency distribution, errors) to this file." };
        var server = new Option<string?>("--server") { Description = $"A verdict server's base URL: the run, its load statistics and the verdicts of monitored methods under load are stored there (token from {TokenVariable})." };
        var project = new Option<string?>("--project") { Description = "The server project to file the run under (default: the token's project, or 'default')." };
        var store = new Option<DirectoryInfo?>("--store") { Description = "A local results directory (such as vypr-results): the run is written there as a results file (vypr.run/1 with its load section)." };
        var command = new Command("load", "Fires the tests of a load plan at their rates (or concurrency), measures latency from each intended start, and checks the plan's thresholds.")
        {
            config, duration, output, report, interval, html, server, project, store,
        };

        // A synchronous action: System.CommandLine then leaves SIGINT to this command, which needs two stages
        // (finish in-flight work and report, then stop at once) rather than one cancellation and a fixed timeout.
        command.SetAction(result => Run(
            result.GetRequiredValue(config),
            result.GetValue(duration),
            result.GetValue(output),
            result.GetValue(report),
            result.GetValue(interval),
            result.GetValue(html),
            new Destinations(result.GetValue(server), result.GetValue(project), result.GetValue(store))));
        return command;
    }

    private static int Run(FileInfo config, string? durationText, FileInfo? output, FileInfo? report, string? intervalText, FileInfo? html, Destinations destinations)
    {
        Uri? serverUri = null;
        if (destinations.Server is { } serverText
            && (!Uri.TryCreate(serverText.EndsWith('/') ? serverText : serverText + "/", UriKind.Absolute, out serverUri) || serverUri.Scheme is not ("http" or "https")))
        {
            Console.Error.WriteLine($"vypr load: --server '{serverText}' is not an absolute http(s) URL.");
            return ExitCodes.UsageError;
        }

        TimeSpan? duration = null;
        if (durationText is not null)
        {
            if (!LoadDuration.TryParse(durationText, out TimeSpan parsed) || parsed <= TimeSpan.Zero)
            {
                Console.Error.WriteLine($"vypr load: -d '{durationText}' is not a duration: expected {LoadDuration.Expected}, longer than zero.");
                return ExitCodes.UsageError;
            }

            duration = parsed;
        }

        TimeSpan interval = TimeSpan.FromSeconds(1);
        if (intervalText is not null && (!LoadDuration.TryParse(intervalText, out interval) || interval < TimeSpan.FromMilliseconds(50)))
        {
            Console.Error.WriteLine($"vypr load: --progress-interval '{intervalText}' is not a duration of at least 50ms: expected {LoadDuration.Expected}.");
            return ExitCodes.UsageError;
        }

        LoadPlan plan;
        try
        {
            plan = LoadPlanReader.ReadFile(config.FullName);
        }
        catch (LoadPlanException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"vypr load: cannot read the plan '{config.FullName}': {e.Message}");
            return ExitCodes.Error;
        }

        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        int signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref signals) == 1)
            {
                Console.Error.WriteLine("vypr load: stopping: no more fires; waiting for instances in flight, then teardown and shutdown (Ctrl+C again to stop at once).");
                stop.Cancel();
            }
            else
            {
                Console.Error.WriteLine("vypr load: stopping at once.");
                abort.Cancel();
                _ = Task.Delay(s_abortGrace).ContinueWith(static _ => Environment.Exit(ExitCodes.Interrupted), TaskScheduler.Default);
            }
        }

        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        var progress = new ConsoleProgress(Console.Out, interactive: !Console.IsOutputRedirected);
        var runner = new LoadRunner(plan, new LoadRunOptions { Duration = duration, Progress = progress.Show, ProgressInterval = interval });
        LoadRunResult result;
        try
        {
            result = runner.RunAsync(stop.Token, abort.Token).GetAwaiter().GetResult();
        }
        catch (LoadPlanException e)
        {
            progress.Finish();
            Console.Error.WriteLine(e.Message);
            return ExitCodes.UsageError;
        }
        catch (LoadRunException e)
        {
            progress.Finish();
            Console.Error.WriteLine($"vypr load: {e.Message}");
            return ExitCodes.Error;
        }

        progress.Finish();
        ConsoleSummary.Write(Console.Out, result);
        string resultsPath = (output ?? new FileInfo("vypr-load-results.json")).FullName;
        string reportPath = (report ?? new FileInfo("vypr-load-report.md")).FullName;
        try
        {
            LoadResultsJson.WriteAsync(result, resultsPath).GetAwaiter().GetResult();
            File.WriteAllText(reportPath, MarkdownReport.Render(result));
            if (html is not null)
            {
                File.WriteAllText(html.FullName, HtmlReport.Render(result));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"vypr load: cannot write the results: {e.Message}");
            return ExitCodes.Error;
        }

        Console.Out.WriteLine($"Results: {resultsPath}");
        Console.Out.WriteLine($"Report: {reportPath}");
        if (html is not null)
        {
            Console.Out.WriteLine($"HTML report: {html.FullName}");
        }
        if (!Store(result, plan, serverUri, destinations))
        {
            return ExitCodes.Error;
        }

        if (result.Interrupted)
        {
            return ExitCodes.Interrupted;
        }

        return result.Tests.All(t => t.Thresholds.All(th => th.Passed)) ? ExitCodes.Success : ExitCodes.Failed;
    }

    // The run is kept with its statistics and verdicts where runs are kept; a failure to keep it is an error of its
    // own (exit 3) after the results file and the report, which are written anyway.
    private static bool Store(LoadRunResult result, LoadPlan plan, Uri? server, Destinations destinations)
    {
        if (server is null && destinations.Store is null)
        {
            return true;
        }

        RunDocument document = LoadRunDocument.Create(result, plan.Tests.Select(t => t.AssemblyPath));
        bool stored = true;
        if (destinations.Store is { } directory)
        {
            try
            {
                Console.Out.WriteLine($"Stored: {ResultsFile.Write(document, directory.FullName)}");
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"vypr load: {e.Message}");
                stored = false;
            }
        }

        if (server is not null)
        {
            using var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
            try
            {
                int requests = new LoadRunShipper(client).ShipAsync(document, Environment.GetEnvironmentVariable(TokenVariable), destinations.Project, CancellationToken.None).GetAwaiter().GetResult();
                Console.Out.WriteLine($"Stored: run {document.Run.RunId} in {server} ({document.Verdicts.Count} verdicts, {requests} request{(requests == 1 ? "" : "s")})");
            }
            catch (LoadStorageException e)
            {
                Console.Error.WriteLine($"vypr load: the run was not stored: {e.Message}");
                stored = false;
            }
        }

        return stored;
    }

    /// <summary>Where the run is stored besides the results file: a verdict server, a local results directory.</summary>
    private sealed record Destinations(string? Server, string? Project, DirectoryInfo? Store);
}

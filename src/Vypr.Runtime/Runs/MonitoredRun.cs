using System;
using System.IO;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime.Shipping;

namespace Vypr.Runtime.Runs;

/// <summary>
/// The start and end of a monitored run, the same for every test framework and for any other process. A run starts
/// shipping verdicts (when <c>VYPR_SERVER_URL</c> is set); when it finishes it writes the results file and its
/// verdict table, prints the table, prunes old results files and flushes the shipment. A test-framework integration
/// starts and finishes the run itself; in any other process the first monitored call starts it and the process's
/// exit (or the unloading of the runtime's load context) finishes it.
/// </summary>
public static class MonitoredRun
{
    private static readonly Lock s_lock = new();
    private static string? s_assembly;
    private static bool s_started;
    private static bool s_finished;
    private static VerdictShipper? s_shipper;

    /// <summary>The name the run records: the name given to <see cref="Start"/>, else the entry assembly's.</summary>
    public static string AssemblyName => s_assembly ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "process";

    /// <summary>Whether <see cref="FinishAsync"/> (or the exit hook) has written this run's results.</summary>
    public static bool IsFinished
    {
        get
        {
            lock (s_lock)
            {
                return s_finished;
            }
        }
    }

    /// <summary>Starts the run for the test assembly <paramref name="assembly"/>, when monitoring is on. Later calls only rename the run.</summary>
    /// <param name="assembly">The test assembly's name, recorded with the run.</param>
    public static void Start(string assembly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assembly);
        lock (s_lock)
        {
            s_assembly = assembly;
        }

        EnsureStarted();
    }

    /// <summary>
    /// Starts the run if nothing has yet, under the entry assembly's name; the runtime calls it at the first
    /// monitored call so that any process writes its results when it exits.
    /// </summary>
    public static void EnsureStarted()
    {
        if (!RuntimeMonitor.IsEnabled)
        {
            return;
        }

        lock (s_lock)
        {
            if (s_started)
            {
                return;
            }

            s_started = true;
        }

        // Exit handlers run in the order they were added: the results (and their last verdicts) before the shipper's own last flush.
        AppDomain.CurrentDomain.ProcessExit += static (_, _) => FinishAtExit();
        UnloadingHook.Add(typeof(MonitoredRun).Assembly, FinishAtExit);

        s_shipper = VerdictShipper.StartFromEnvironment(AssemblyName);
    }

    /// <summary>
    /// Finishes the run once: writes the results file and its verdict table (elsewhere, loudly, when the results
    /// directory refuses them), prints the table to <paramref name="output"/>, prunes results files beyond
    /// <c>VYPR_KEEP_RESULTS</c> and flushes the shipment. Does nothing when monitoring is off or the run has finished
    /// already.
    /// </summary>
    /// <param name="output">Where the table goes; the console when null.</param>
    /// <returns>
    /// How the run closed, or null when there was nothing to finish. A test-framework integration calls
    /// <see cref="RunCompletion.ThrowIfFailed"/> on it, so a run that lost verdicts fails.
    /// </returns>
    public static ValueTask<RunCompletion?> FinishAsync(TextWriter? output = null) =>
        // Monitoring off: nothing to finish, and no asynchronous state machine to compile for it in every test process.
        RuntimeMonitor.IsEnabled ? FinishStartedAsync(output) : new ValueTask<RunCompletion?>((RunCompletion?)null);

    private static async ValueTask<RunCompletion?> FinishStartedAsync(TextWriter? output)
    {
        lock (s_lock)
        {
            if (s_finished)
            {
                return null;
            }

            s_finished = true;
        }

        output ??= Console.Out;
        RunCompletion completion = await RunCompletion.CompleteAsync(AssemblyName, s_shipper, output).ConfigureAwait(false);
        if (completion.ResultsPath is not null)
        {
            Prune(Path.GetDirectoryName(completion.ResultsPath)!, output);
        }

        return completion;
    }

    // Pruning only after the new file is safely written: a failed write never costs an older run.
    private static void Prune(string directory, TextWriter output)
    {
        string assembly = AssemblyName;
        try
        {
            int deleted = ResultsRetention.Prune(directory, assembly, ResultsRetention.Configured());
            if (deleted > 0)
            {
                output.WriteLine($"Vypr: deleted {deleted} older results file{(deleted == 1 ? string.Empty : "s")} of {assembly} (keeping {ResultsRetention.EnvironmentVariable})");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"Vypr: older results files were not pruned: {e.Message}");
        }
    }

    // A process without a test-framework integration ends here. Exceptions cannot be reported to anyone at this
    // point but standard error, and must not turn a clean exit into a crash.
    private static void FinishAtExit()
    {
        try
        {
            RunCompletion? completion = FinishAsync().AsTask().GetAwaiter().GetResult();
            if (completion is { Failed: true })
            {
                Console.Error.WriteLine($"Vypr: the run is incomplete:{Environment.NewLine}{string.Join(Environment.NewLine, completion.Failures)}");
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Vypr: the run's results could not be written at exit: {e}");
        }
    }
}

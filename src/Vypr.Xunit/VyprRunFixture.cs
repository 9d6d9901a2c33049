using System;
using System.Reflection;
using System.Threading.Tasks;
using Vypr.Runtime;
using Vypr.Runtime.Runs;

namespace Vypr.Xunit;

/// <summary>
/// An xunit v3 assembly fixture that opens and closes the monitored run (<see cref="MonitoredRun"/>): shipping starts
/// with the first test, and when every test has finished the run's results file is written, the verdict table
/// printed and the shipment flushed. Vypr.Xunit's build props register it.
/// </summary>
public sealed class VyprRunFixture : IAsyncDisposable
{
    /// <summary>Starts the run when monitoring is on.</summary>
    public VyprRunFixture()
    {
        // Monitoring off: there is no run, and reading the entry assembly's name (reflection) would be its only cost.
        if (RuntimeMonitor.IsEnabled)
        {
            MonitoredRun.Start(Assembly.GetEntryAssembly()?.GetName().Name ?? "tests");
        }
    }

    /// <summary>Finishes the run: results, summary, shipment.</summary>
    /// <returns>A task that completes when the results are written and the shipment flushed or spooled.</returns>
    /// <exception cref="RunIncompleteException">The run could not keep all its verdicts: a clean-up failure, so the test command fails rather than the verdicts vanishing.</exception>
    public ValueTask DisposeAsync() => RuntimeMonitor.IsEnabled ? FinishAsync() : default;

    // Monitoring off: no asynchronous state machine is started (or compiled) for a run that never began.
    private static async ValueTask FinishAsync() => (await MonitoredRun.FinishAsync().ConfigureAwait(false))?.ThrowIfFailed();
}

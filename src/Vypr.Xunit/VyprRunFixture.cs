using System;
using System.Reflection;
using System.Threading.Tasks;
using Vypr.Runtime;
using Vypr.Runtime.Shipping;

namespace Vypr.Xunit;

/// <summary>
/// An xunit assembly fixture that opens and closes the monitored run: it starts shipping verdicts to a verdict
/// server when <c>VYPR_SERVER_URL</c> is set, and when every test has finished it writes the run's results file,
/// prints the verdict table and flushes the shipment. Vypr.Xunit's build props register it.
/// </summary>
public sealed class VyprRunFixture : IAsyncDisposable
{
    private readonly VerdictShipper? _shipper;

    /// <summary>Starts shipping verdicts when monitoring is on and <c>VYPR_SERVER_URL</c> is set.</summary>
    public VyprRunFixture()
    {
        _shipper = RuntimeMonitor.IsEnabled ? VerdictShipper.StartFromEnvironment(AssemblyName) : null;
    }

    private static string AssemblyName => Assembly.GetEntryAssembly()?.GetName().Name ?? "tests";

    /// <summary>Writes the results, prints the summary and flushes the shipment, when monitoring was on.</summary>
    /// <returns>A task that completes when the results are written and the shipment flushed or spooled.</returns>
    public async ValueTask DisposeAsync()
    {
        if (!RuntimeMonitor.IsEnabled)
        {
            return;
        }

        // A run that could not keep all its verdicts fails (a cleanup failure) rather than vanishing.
        RunCompletion completion = await RunCompletion.CompleteAsync(AssemblyName, _shipper, Console.Out);
        completion.ThrowIfFailed();
    }
}

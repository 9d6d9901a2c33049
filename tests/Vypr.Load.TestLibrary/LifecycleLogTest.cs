using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Load;

namespace Vypr.Load.TestLibrary;

/// <summary>
/// Waits <c>delay</c> per fire and writes its lifecycle to <c>log</c> (startup, then at shutdown how many setups,
/// runs and teardowns happened), so a test can check that an interrupted run still tore down and shut down.
/// </summary>
public sealed class LifecycleLogTest(string log, TimeSpan delay) : LoadTest
{
    private long _setups;
    private long _runs;
    private long _teardowns;

    public override ValueTask StartupAsync(CancellationToken cancellationToken)
    {
        File.WriteAllText(log, "startup" + Environment.NewLine);
        return default;
    }

    public override ValueTask SetupAsync(FireContext fire)
    {
        Interlocked.Increment(ref _setups);
        return default;
    }

    public override async ValueTask RunAsync(FireContext fire)
    {
        Interlocked.Increment(ref _runs);
        await Task.Delay(delay, CancellationToken.None).ConfigureAwait(false);
    }

    public override ValueTask TeardownAsync(FireContext fire)
    {
        Interlocked.Increment(ref _teardowns);
        return default;
    }

    public override ValueTask ShutdownAsync(CancellationToken cancellationToken)
    {
        File.AppendAllText(log, $"shutdown setups={Interlocked.Read(ref _setups)} runs={Interlocked.Read(ref _runs)} teardowns={Interlocked.Read(ref _teardowns)}{Environment.NewLine}");
        return default;
    }
}

using System;
using System.Threading.Tasks;
using Vypr.Load;

namespace Vypr.Load.TestLibrary;

/// <summary>Fails every <c>every</c>-th fire with an <see cref="InvalidOperationException"/> and every <c>timeoutEvery</c>-th with a <see cref="TimeoutException"/>; records <c>sequence</c> as a metric.</summary>
public sealed class FailingTest(int every, int timeoutEvery = 0) : LoadTest
{
    public override ValueTask RunAsync(FireContext fire)
    {
        fire.Record("sequence", fire.Sequence);
        if (timeoutEvery > 0 && fire.Sequence % timeoutEvery == 0)
        {
            throw new TimeoutException($"fire {fire.Sequence} timed out on purpose");
        }

        if (fire.Sequence % every == 0)
        {
            throw new InvalidOperationException($"fire {fire.Sequence} failed on purpose");
        }

        return default;
    }
}

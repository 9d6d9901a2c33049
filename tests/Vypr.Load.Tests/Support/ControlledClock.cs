using System;
using System.Threading;
using Vypr.Load.Scheduling;

namespace Vypr.Load.Tests.Support;

/// <summary>
/// A clock the test drives: every reading advances it a little, and every wait overshoots its target by a random
/// amount up to <c>maxOvershoot</c> ticks (a loaded machine's late wake-ups), reproducibly from a seed.
/// </summary>
public sealed class ControlledClock(long frequency, long start, long maxOvershoot, int seed) : LoadClock
{
    private readonly Random _random = new(seed);
    private long _now = start;

    public override long Frequency => frequency;

    public long Now => _now;

    public override long GetTimestamp() => _now += _random.NextInt64(0, 3);

    public override void WaitUntil(long timestamp, CancellationToken cancellationToken)
    {
        if (timestamp > _now)
        {
            _now = timestamp;
        }

        _now += _random.NextInt64(0, maxOvershoot + 1);
    }
}

using System.Threading;

namespace Vypr.Load.Scheduling;

/// <summary>
/// The time source of a load run: timestamps and waiting until one. Injectable so the scheduler's arithmetic can be
/// checked against a controlled clock; <see cref="SystemLoadClock"/> is the real one.
/// </summary>
public abstract class LoadClock
{
    /// <summary>Ticks per second of <see cref="GetTimestamp"/>.</summary>
    public abstract long Frequency { get; }

    /// <summary>The current time in ticks; only differences between two readings mean anything.</summary>
    /// <returns>The timestamp.</returns>
    public abstract long GetTimestamp();

    /// <summary>Returns at or after <paramref name="timestamp"/>, or early when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="timestamp">The time to wait for, in ticks of <see cref="GetTimestamp"/>.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public abstract void WaitUntil(long timestamp, CancellationToken cancellationToken);
}

namespace Vypr.Load.Scheduling;

/// <summary>What the scheduler fires: a rate profile and the action that starts one instance.</summary>
public interface IFireTarget
{
    /// <summary>The target's rate over time.</summary>
    RateProfile Profile { get; }

    /// <summary>
    /// Starts fire <paramref name="sequence"/>, intended at <paramref name="intendedStart"/>. Called on the scheduler's
    /// thread, so it must hand the work off (or drop it) without waiting.
    /// </summary>
    /// <param name="sequence">The fire's number, from 0.</param>
    /// <param name="intendedStart">Its intended start, in ticks of the scheduler's clock.</param>
    /// <param name="firedAt">When the scheduler woke to fire it (the clock reading of its batch): the difference from the intended start is the scheduling error.</param>
    void Fire(long sequence, long intendedStart, long firedAt);
}

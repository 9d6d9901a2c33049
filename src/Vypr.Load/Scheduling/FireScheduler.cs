using System;
using System.Collections.Generic;
using System.Threading;

namespace Vypr.Load.Scheduling;

/// <summary>
/// The open model's scheduler: one thread fires every target at its intended times. Each intended start is the
/// origin plus the profile's offset of that fire (never "last fire + interval"), so the schedule does not drift.
/// Every fire already due when the thread wakes is fired in one batch, so a late wake-up costs lateness (measured
/// by each fire from its intended start) but never fires: the achieved rate stays the target rate.
/// </summary>
public sealed class FireScheduler
{
    private readonly LoadClock _clock;

    /// <summary>Creates a scheduler on a clock.</summary>
    /// <param name="clock">The clock; <see cref="SystemLoadClock"/> in real runs.</param>
    public FireScheduler(LoadClock clock)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>
    /// Fires every target from <paramref name="origin"/> until <paramref name="end"/> (exclusive) or until
    /// <paramref name="stop"/> is cancelled, on the calling thread.
    /// </summary>
    /// <param name="targets">The targets.</param>
    /// <param name="origin">The schedule's origin: fire 0 of a target with a non-zero initial rate is due here.</param>
    /// <param name="end">No fire intended at or after this timestamp is fired.</param>
    /// <param name="stop">Stops firing.</param>
    /// <returns>How many fires each target was given, in the order of <paramref name="targets"/>; returns at <paramref name="end"/> or on a stop request.</returns>
    public long[] Run(IReadOnlyList<IFireTarget> targets, long origin, long end, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(targets);
        int count = targets.Count;
        var sequences = new long[count];
        var due = new long[count];
        double frequency = _clock.Frequency;
        for (int i = 0; i < count; i++)
        {
            due[i] = IntendedStart(targets[i].Profile, 0, origin, frequency);
        }

        while (!stop.IsCancellationRequested)
        {
            long now = _clock.GetTimestamp();
            long next = long.MaxValue;
            for (int i = 0; i < count; i++)
            {
                IFireTarget target = targets[i];
                long sequence = sequences[i];
                long intended = due[i];
                int batch = 0;
                while (intended <= now && intended < end)
                {
                    target.Fire(sequence, intended, now);
                    sequence++;
                    intended = IntendedStart(target.Profile, sequence, origin, frequency);

                    // A huge backlog (the process was paused) still lets a stop request through.
                    if (++batch == 4096)
                    {
                        batch = 0;
                        if (stop.IsCancellationRequested)
                        {
                            break;
                        }
                    }
                }

                sequences[i] = sequence;
                due[i] = intended;
                next = Math.Min(next, intended);
            }

            if (next >= end)
            {
                // Nothing more is due before the end: the run still lasts until then, so rates stay per planned second.
                _clock.WaitUntil(end, stop);
                break;
            }

            _clock.WaitUntil(next, stop);
        }

        return sequences;
    }

    /// <summary>The timestamp at which fire <paramref name="sequence"/> of <paramref name="profile"/> is due.</summary>
    /// <param name="profile">The rate profile.</param>
    /// <param name="sequence">The fire's number.</param>
    /// <param name="origin">The schedule's origin.</param>
    /// <param name="frequency">Clock ticks per second.</param>
    /// <returns>The timestamp, or <see cref="long.MaxValue"/> if the fire is never due.</returns>
    public static long IntendedStart(RateProfile profile, long sequence, long origin, double frequency)
    {
        ArgumentNullException.ThrowIfNull(profile);
        double offset = profile.OffsetOf(sequence) * frequency;
        return offset >= long.MaxValue - origin ? long.MaxValue : origin + (long)Math.Round(offset);
    }
}

using System;
using System.Collections.Generic;

namespace Vypr.Load.Scheduling;

/// <summary>
/// The target rate over time: an initial rate, then stages that move it linearly (ramps), then the last rate held
/// until the run ends. Fire <c>n</c> (from 0) is due when the integral of the rate since the origin reaches
/// <c>n</c>, so every intended start is computed from the origin and never from the previous fire: rounding never
/// accumulates and a late fire never delays the next.
/// </summary>
public sealed class RateProfile
{
    private readonly double[] _startSeconds;
    private readonly double[] _durations;
    private readonly double[] _startRates;
    private readonly double[] _endRates;
    private readonly double[] _startCounts;

    /// <summary>Creates a profile.</summary>
    /// <param name="initialRate">Fires per second at the origin.</param>
    /// <param name="stages">Ramps after the origin, in order; the rate after the last is held.</param>
    public RateProfile(double initialRate, IReadOnlyList<RateStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        CheckRate(initialRate);
        int count = stages.Count + 1;
        _startSeconds = new double[count];
        _durations = new double[count];
        _startRates = new double[count];
        _endRates = new double[count];
        _startCounts = new double[count];
        double seconds = 0, fires = 0, rate = initialRate;
        for (int i = 0; i < stages.Count; i++)
        {
            RateStage stage = stages[i];
            CheckRate(stage.TargetRate);
            if (stage.Duration <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Stage {i + 1} lasts {stage.Duration}; a stage must last longer than zero.", nameof(stages));
            }

            double duration = stage.Duration.TotalSeconds;
            _startSeconds[i] = seconds;
            _durations[i] = duration;
            _startRates[i] = rate;
            _endRates[i] = stage.TargetRate;
            _startCounts[i] = fires;
            fires += (rate + stage.TargetRate) / 2 * duration;
            seconds += duration;
            rate = stage.TargetRate;
        }

        int last = count - 1;
        _startSeconds[last] = seconds;
        _durations[last] = double.PositiveInfinity;
        _startRates[last] = rate;
        _endRates[last] = rate;
        _startCounts[last] = fires;
        StagesDuration = TimeSpan.FromSeconds(seconds);
    }

    /// <summary>A constant rate.</summary>
    /// <param name="rate">Fires per second.</param>
    /// <returns>The profile.</returns>
    public static RateProfile Constant(double rate) => new(rate, []);

    /// <summary>The total duration of the stages (zero for a constant rate).</summary>
    public TimeSpan StagesDuration { get; }

    /// <summary>Seconds from the origin at which fire <paramref name="sequence"/> is due, or infinity if it never is.</summary>
    /// <param name="sequence">The fire's number, from 0.</param>
    /// <returns>The offset in seconds.</returns>
    public double OffsetOf(long sequence)
    {
        double n = sequence;
        for (int i = 0; i < _startCounts.Length; i++)
        {
            bool last = i == _startCounts.Length - 1;
            double end = last ? double.PositiveInfinity : _startCounts[i + 1];
            if (n >= end)
            {
                continue;
            }

            double r0 = _startRates[i];
            if (last && r0 == 0)
            {
                return double.PositiveInfinity;
            }

            double slope = double.IsInfinity(_durations[i]) ? 0 : (_endRates[i] - r0) / _durations[i];
            double delta = n - _startCounts[i];
            if (delta == 0)
            {
                return _startSeconds[i];
            }

            // Solves r0*t + slope/2*t^2 = delta in the form that stays exact when slope is 0 (or r0 is 0).
            double root = Math.Sqrt((r0 * r0) + (2 * slope * delta));
            double denominator = r0 + root;
            if (denominator <= 0)
            {
                return double.PositiveInfinity;
            }

            return _startSeconds[i] + (2 * delta / denominator);
        }

        return double.PositiveInfinity;
    }

    /// <summary>How many fires are due strictly before <paramref name="seconds"/> from the origin.</summary>
    /// <param name="seconds">Seconds from the origin.</param>
    /// <returns>The number of fires due in [0, seconds).</returns>
    public long CountBefore(double seconds)
    {
        if (seconds <= 0)
        {
            return 0;
        }

        double fires = 0;
        for (int i = 0; i < _startCounts.Length; i++)
        {
            if (seconds <= _startSeconds[i])
            {
                break;
            }

            double t = Math.Min(seconds - _startSeconds[i], _durations[i]);
            double slope = double.IsInfinity(_durations[i]) ? 0 : (_endRates[i] - _startRates[i]) / _durations[i];
            fires = _startCounts[i] + (_startRates[i] * t) + (slope / 2 * t * t);
        }

        // Fire n is due at the instant the integral reaches n, so [0, t) holds fires 0..ceil(integral)-1.
        return (long)Math.Ceiling(fires - 1e-9);
    }

    private static void CheckRate(double rate)
    {
        if (!double.IsFinite(rate) || rate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "A rate is a finite number of fires per second, at least 0.");
        }
    }
}

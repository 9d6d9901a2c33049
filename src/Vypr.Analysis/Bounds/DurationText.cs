using System;
using System.Globalization;

namespace Vypr.Analysis.Bounds;

/// <summary>Durations in the form <c>[MaxDuration]</c> parses: a decimal number and <c>ns</c>, <c>us</c>, <c>ms</c>, <c>s</c>.</summary>
public static class DurationText
{
    /// <summary>Formats nanoseconds with the largest unit that keeps the number at least 1.</summary>
    /// <param name="nanoseconds">The duration.</param>
    /// <returns>For example <c>25ms</c>, <c>1.5s</c>, <c>800ns</c>.</returns>
    public static string Format(long nanoseconds)
    {
        (double value, string unit) = nanoseconds switch
        {
            >= 1_000_000_000 => (nanoseconds / 1e9, "s"),
            >= 1_000_000 => (nanoseconds / 1e6, "ms"),
            >= 1_000 => (nanoseconds / 1e3, "us"),
            _ => (nanoseconds, "ns"),
        };
        return value.ToString("0.###", CultureInfo.InvariantCulture) + unit;
    }

    /// <summary>Rounds up to two significant digits, so a proposed bound reads like one a person would write.</summary>
    /// <param name="nanoseconds">A positive duration.</param>
    /// <returns>The smallest number of at most two significant digits not below it.</returns>
    public static long RoundUp(double nanoseconds)
    {
        if (!(nanoseconds > 0) || double.IsInfinity(nanoseconds))
        {
            throw new ArgumentOutOfRangeException(nameof(nanoseconds), nanoseconds, "A positive finite duration is required.");
        }

        double scale = Math.Pow(10, Math.Floor(Math.Log10(nanoseconds)) - 1);
        return (long)Math.Max(1, Math.Ceiling((nanoseconds / scale) - 1e-9) * scale);
    }
}

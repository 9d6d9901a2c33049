using System;
using System.Globalization;

namespace Vypr.Cli.Run;

/// <summary>Durations for reports, in the largest unit that keeps them readable (<c>164.4ms</c>, <c>2.3us</c>), with four significant digits.</summary>
internal static class NanosecondsText
{
    /// <summary>Writes a duration.</summary>
    /// <param name="nanoseconds">The duration in nanoseconds.</param>
    /// <returns>The text; <c>NaN</c> and infinities as themselves.</returns>
    public static string Format(double nanoseconds)
    {
        if (!double.IsFinite(nanoseconds))
        {
            return nanoseconds.ToString(CultureInfo.InvariantCulture);
        }

        double magnitude = Math.Abs(nanoseconds);
        (double value, string unit) = magnitude switch
        {
            >= 60e9 => (nanoseconds / 60e9, "min"),
            >= 1e9 => (nanoseconds / 1e9, "s"),
            >= 1e6 => (nanoseconds / 1e6, "ms"),
            >= 1e3 => (nanoseconds / 1e3, "us"),
            _ => (nanoseconds, "ns"),
        };
        return value.ToString("G4", CultureInfo.InvariantCulture) + unit;
    }
}

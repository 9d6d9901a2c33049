using System;
using System.Globalization;

namespace Vypr;

/// <summary>
/// Reads and writes the duration literals of specifications (<c>"50ms"</c>, <c>"1.5s"</c>, <c>"200us"</c>).
/// </summary>
/// <remarks>
/// The same source is compiled into the source generator, so a bound means exactly the same thing at compile
/// time (where it is checked and turned into nanoseconds) as anywhere else.
/// </remarks>
public static class DurationText
{
    private const string Units = "ns, us (or µs), ms, s or min";

    /// <summary>Parses a duration literal into whole nanoseconds.</summary>
    /// <param name="text">A positive decimal number followed by a unit, for example <c>"50ms"</c> or <c>"1.5 s"</c>.</param>
    /// <param name="nanoseconds">The duration in nanoseconds when the text is valid.</param>
    /// <param name="error">Why the text is not a valid duration, written for the person who typed it.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid, positive duration.</returns>
    public static bool TryParse(string? text, out long nanoseconds, out string? error)
    {
        nanoseconds = 0;
        string trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = "the duration is empty; write a number and a unit, for example \"50ms\"";
            return false;
        }

        int numberEnd = 0;
        while (numberEnd < trimmed.Length && (char.IsDigit(trimmed[numberEnd]) || trimmed[numberEnd] == '.' || trimmed[numberEnd] == '-' || trimmed[numberEnd] == '+'))
        {
            numberEnd++;
        }

        string number = trimmed.Substring(0, numberEnd);
        string unitText = trimmed.Substring(numberEnd).Trim();
        if (number.Length == 0)
        {
            error = $"\"{trimmed}\" does not start with a number; write a number and a unit, for example \"50ms\"";
            return false;
        }

        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal value))
        {
            error = $"\"{number}\" is not a number";
            return false;
        }

        if (unitText.Length == 0)
        {
            error = $"\"{trimmed}\" has no unit; add one of {Units}";
            return false;
        }

        if (!TryParseUnit(unitText, out DurationUnit unit))
        {
            error = $"\"{unitText}\" is not a duration unit; use one of {Units}";
            return false;
        }

        return TryToNanoseconds(value, unit, trimmed, out nanoseconds, out error);
    }

    /// <summary>Converts a number of units into whole nanoseconds, as the <c>(value, unit)</c> attribute form needs.</summary>
    /// <param name="value">The number of units.</param>
    /// <param name="unit">The unit.</param>
    /// <param name="nanoseconds">The duration in nanoseconds when it is valid.</param>
    /// <param name="error">Why the value is not a valid duration.</param>
    /// <returns><see langword="true"/> when the value is a finite, positive duration of at least one nanosecond.</returns>
    public static bool TryFromValue(double value, DurationUnit unit, out long nanoseconds, out string? error)
    {
        nanoseconds = 0;
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 1e15)
        {
            error = $"{value.ToString("R", CultureInfo.InvariantCulture)} is not a usable duration";
            return false;
        }

        return TryToNanoseconds((decimal)value, unit, Format(value, unit), out nanoseconds, out error);
    }

    /// <summary>Writes a number and a unit as a duration literal, for example <c>Format(50, Milliseconds)</c> is <c>"50ms"</c>.</summary>
    /// <param name="value">The number of units.</param>
    /// <param name="unit">The unit.</param>
    /// <returns>The literal form.</returns>
    public static string Format(double value, DurationUnit unit) =>
        value.ToString("R", CultureInfo.InvariantCulture) + Suffix(unit);

    /// <summary>Writes a number of nanoseconds in the largest unit that keeps it readable, for example <c>"1.5ms"</c>.</summary>
    /// <param name="nanoseconds">The duration in nanoseconds.</param>
    /// <returns>A literal that <see cref="TryParse"/> reads back to within the printed precision.</returns>
    public static string FormatNanoseconds(double nanoseconds)
    {
        double magnitude = Math.Abs(nanoseconds);
        if (magnitude >= 60e9)
        {
            return Round(nanoseconds / 60e9) + "min";
        }

        if (magnitude >= 1e9)
        {
            return Round(nanoseconds / 1e9) + "s";
        }

        if (magnitude >= 1e6)
        {
            return Round(nanoseconds / 1e6) + "ms";
        }

        if (magnitude >= 1e3)
        {
            return Round(nanoseconds / 1e3) + "us";
        }

        return Round(nanoseconds) + "ns";
    }

    private static string Round(double value) =>
        Math.Round(value, Math.Abs(value) >= 100 ? 1 : 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static bool TryToNanoseconds(decimal value, DurationUnit unit, string written, out long nanoseconds, out string? error)
    {
        nanoseconds = 0;
        if (value <= 0)
        {
            error = $"\"{written}\" is not positive; a bound on a duration must be greater than zero";
            return false;
        }

        decimal scaled = value * NanosecondsPer(unit);
        if (scaled > long.MaxValue)
        {
            error = $"\"{written}\" is too long to represent";
            return false;
        }

        if (scaled < 1 || decimal.Truncate(scaled) != scaled)
        {
            error = $"\"{written}\" is not a whole number of nanoseconds, the finest resolution of a bound";
            return false;
        }

        nanoseconds = (long)scaled;
        error = null;
        return true;
    }

    private static bool TryParseUnit(string text, out DurationUnit unit)
    {
        switch (text)
        {
            case "ns":
                unit = DurationUnit.Nanoseconds;
                return true;
            case "us":
            case "µs":
                unit = DurationUnit.Microseconds;
                return true;
            case "ms":
                unit = DurationUnit.Milliseconds;
                return true;
            case "s":
                unit = DurationUnit.Seconds;
                return true;
            case "min":
                unit = DurationUnit.Minutes;
                return true;
            default:
                unit = default;
                return false;
        }
    }

    private static decimal NanosecondsPer(DurationUnit unit) => unit switch
    {
        DurationUnit.Nanoseconds => 1m,
        DurationUnit.Microseconds => 1_000m,
        DurationUnit.Milliseconds => 1_000_000m,
        DurationUnit.Seconds => 1_000_000_000m,
        DurationUnit.Minutes => 60_000_000_000m,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown duration unit"),
    };

    private static string Suffix(DurationUnit unit) => unit switch
    {
        DurationUnit.Nanoseconds => "ns",
        DurationUnit.Microseconds => "us",
        DurationUnit.Milliseconds => "ms",
        DurationUnit.Seconds => "s",
        DurationUnit.Minutes => "min",
        _ => "?",
    };
}

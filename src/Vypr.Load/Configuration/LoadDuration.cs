using System;
using System.Globalization;

namespace Vypr.Load.Configuration;

/// <summary>Durations as people write them in plans and on the command line: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>500us</c>.</summary>
public static class LoadDuration
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Expected = "a duration such as 250ms, 30s, 5m, 1h30m (units: ns, us, ms, s, m, h)";

    /// <summary>Parses a duration.</summary>
    /// <param name="text">The text.</param>
    /// <param name="duration">The duration.</param>
    /// <returns>Whether the text is a duration.</returns>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        ReadOnlySpan<char> rest = text.AsSpan().Trim();
        double seconds = 0;
        while (!rest.IsEmpty)
        {
            int numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
            {
                numberLength++;
            }

            int unitLength = 0;
            while (numberLength + unitLength < rest.Length && (char.IsAsciiLetter(rest[numberLength + unitLength]) || rest[numberLength + unitLength] == 'µ'))
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0
                || !double.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                return false;
            }

            double scale = rest.Slice(numberLength, unitLength) switch
            {
                "ns" => 1e-9,
                "us" or "µs" => 1e-6,
                "ms" => 1e-3,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                _ => double.NaN,
            };
            if (double.IsNaN(scale))
            {
                return false;
            }

            seconds += number * scale;
            rest = rest[(numberLength + unitLength)..];
        }

        if (!double.IsFinite(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>Formats a duration given in milliseconds the way reports show it: <c>212.4ms</c>, <c>1.25ms</c>, <c>42.5us</c>, <c>33ns</c>.</summary>
    /// <param name="milliseconds">The duration in milliseconds.</param>
    /// <returns>The text (<c>n/a</c> when not finite).</returns>
    public static string FormatMilliseconds(double milliseconds)
    {
        if (!double.IsFinite(milliseconds))
        {
            return "n/a";
        }

        double magnitude = Math.Abs(milliseconds);
        return magnitude switch
        {
            0 => "0ms",
            >= 100 => milliseconds.ToString("0.#", CultureInfo.InvariantCulture) + "ms",
            >= 1 => milliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms",
            >= 0.001 => (milliseconds * 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "us",
            _ => (milliseconds * 1_000_000).ToString("0", CultureInfo.InvariantCulture) + "ns",
        };
    }
}

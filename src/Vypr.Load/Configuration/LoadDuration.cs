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

    /// <summary>Formats a duration in milliseconds the way reports show it (<c>12.3ms</c>).</summary>
    /// <param name="milliseconds">The duration in milliseconds.</param>
    /// <returns>The text.</returns>
    public static string FormatMilliseconds(double milliseconds) => double.IsFinite(milliseconds)
        ? milliseconds.ToString(milliseconds >= 100 ? "0.#" : "0.###", CultureInfo.InvariantCulture) + "ms"
        : "n/a";
}

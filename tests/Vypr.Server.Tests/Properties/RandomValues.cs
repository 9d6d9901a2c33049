using System;
using System.Text;

namespace Vypr.Server.Tests.Properties;

/// <summary>Seeded random values of every kind the results format carries, valid and invalid.</summary>
public sealed class RandomValues(int seed)
{
    /// <summary>Stands for an unpaired surrogate until the JSON is written (a JSON writer refuses to write one).</summary>
    public const char LoneSurrogate = '\uE000';

    private static readonly double[] s_specialDoubles =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.MaxValue, double.MinValue,
        double.Epsilon, -double.Epsilon, BitConverter.Int64BitsToDouble(0x000F_FFFF_FFFF_FFFF), 2.2250738585072014E-308,
        1e300, -1e-300, 9.223372036854775807E18, 0.1, 1.0 / 3,
    ];

    private static readonly long[] s_specialLongs = [0, 1, long.MaxValue, long.MaxValue - 1, int.MaxValue, (long)int.MaxValue + 1, 1_000_000_000_000];

    private static readonly string[] s_nonBmp = ["😀", "𝄞", "𠜎", "🂡"];

    private readonly Random _random = new(seed);

    public int Int(int min, int max) => _random.Next(min, max);

    public bool Chance(int percent) => _random.Next(100) < percent;

    public double Double() => _random.Next(4) switch
    {
        0 => s_specialDoubles[_random.Next(s_specialDoubles.Length)],
        1 => BitConverter.Int64BitsToDouble(_random.NextInt64(long.MinValue, long.MaxValue)),
        2 => (_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-30, 30)),
        _ => _random.NextInt64(-1_000_000_000_000, 1_000_000_000_000),
    };

    /// <summary>A long in [<paramref name="min"/>, long.MaxValue], extremes often.</summary>
    public long Long(long min) => Chance(40)
        ? Math.Max(min, s_specialLongs[_random.Next(s_specialLongs.Length)])
        : _random.NextInt64(min, long.MaxValue);

    /// <summary>A long in [0, <paramref name="max"/>].</summary>
    public long LongUpTo(long max) => max == long.MaxValue ? _random.NextInt64(0, long.MaxValue) : _random.NextInt64(0, max + 1);

    public int AnyInt() => Chance(20) ? (Chance(50) ? int.MinValue : int.MaxValue) : _random.Next(int.MinValue, int.MaxValue);

    public int PositiveInt() => Chance(30) ? (Chance(50) ? 1 : int.MaxValue) : _random.Next(1, int.MaxValue);

    /// <summary>An instant the store keeps exactly: whole microseconds, any offset, years 1 to 9999.</summary>
    public DateTimeOffset Instant()
    {
        if (Chance(5))
        {
            return Chance(50) ? DateTimeOffset.UnixEpoch : new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);
        }

        long microseconds = _random.NextInt64(-30_000_000_000_000_000, 200_000_000_000_000_000);
        DateTimeOffset utc = DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);
        return utc.ToOffset(TimeSpan.FromMinutes(_random.Next(-14 * 4, 14 * 4 + 1) * 15));
    }

    /// <summary>A text up to <paramref name="maxLength"/>, or (when <paramref name="invalidPercent"/> says so) one the contract refuses.</summary>
    public (string Text, bool Valid) Text(int maxLength, int invalidPercent)
    {
        if (Chance(invalidPercent))
        {
            return _random.Next(4) switch
            {
                0 => (string.Empty, false),
                1 => (Ascii(_random.Next(0, 20)) + "\0" + Ascii(_random.Next(0, 20)), false),
                2 => (Ascii(_random.Next(0, 20)) + LoneSurrogate + Ascii(_random.Next(0, 5)), false),
                _ => (Ascii(maxLength + 1 + _random.Next(0, 100_000 - maxLength)), false),
            };
        }

        return _random.Next(6) switch
        {
            0 => (Ascii(1 + _random.Next(Math.Min(maxLength, 40))), true),
            1 => (Unicode(1 + _random.Next(Math.Min(maxLength / 2, 40)), maxLength), true),
            2 => (Ascii(maxLength), true),
            3 => ("x'); DROP TABLE runs; -- \"\\" + Ascii(3), true),
            4 => (" \t\r\n" + Ascii(2) + " ", true),
            _ => (Unicode(maxLength / 2, maxLength), true),
        };
    }

    private string Ascii(int length)
    {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.Append((char)_random.Next(32, 127));
        }

        return text.ToString();
    }

    // Letters from every plane: Latin, Greek, CJK, U+FFFD, and whole surrogate pairs; never a half of one.
    private string Unicode(int length, int maxLength)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            string next = _random.Next(5) switch
            {
                0 => s_nonBmp[_random.Next(s_nonBmp.Length)],
                1 => ((char)_random.Next(0x3B1, 0x3CA)).ToString(),
                2 => ((char)_random.Next(0x4E00, 0x9FFF)).ToString(),
                3 => "\uFFFD",
                _ => ((char)_random.Next(33, 127)).ToString(),
            };
            if (text.Length + next.Length > maxLength)
            {
                break;
            }

            text.Append(next);
        }

        return text.Length == 0 ? "u" : text.ToString();
    }
}

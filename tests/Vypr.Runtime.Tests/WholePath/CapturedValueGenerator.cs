using System;
using System.Text;

namespace Vypr.Runtime.Tests.WholePath;

/// <summary>
/// Random values of every kind a probe captures, weighted towards the hard ones: NaN (with payloads), infinities,
/// -0.0, subnormals and the extremes of every numeric type; empty, huge, NUL-holding, surrogate-broken, non-BMP,
/// control-character and JSON-escape-heavy texts.
/// </summary>
internal sealed class CapturedValueGenerator(int seed)
{
    // Characters JSON writers escape or that trip naive readers.
    private const string Escapes = "\"\\/<>&'\u2028\u2029\uFFFE\uFFFF";

    private static readonly double[] s_doubles =
    [
        double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon,
        double.MaxValue, double.MinValue, 1e308, -1e-308, 0.1, 1 - 1e-16, 1, 9007199254740993, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001),
    ];

    private static readonly long[] s_longs = [long.MaxValue, long.MinValue, 0, -1, 1, (1L << 53) + 1, -(1L << 53) - 1];

    private static readonly int[] s_ints = [int.MaxValue, int.MinValue, 0, -1, 1];

    private static readonly decimal[] s_decimals = [decimal.MaxValue, decimal.MinValue, 0m, -0.0000000000000000000000000001m, 0.1m, 79228162514264337593543950334m];

    private static readonly float[] s_singles = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue, float.Epsilon, -0.0f];

    private readonly Random _random = new(seed);

    public CapturedValueKind NextKind() => (CapturedValueKind)_random.Next(6);

    public double NextDouble() => Pick(s_doubles, () => _random.Next(2) == 0 ? BitConverter.Int64BitsToDouble(_random.NextInt64(long.MinValue, long.MaxValue)) : (_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-20, 20)));

    public long NextLong() => Pick(s_longs, () => _random.NextInt64(long.MinValue, long.MaxValue));

    public int NextInt() => Pick(s_ints, () => _random.Next(int.MinValue, int.MaxValue));

    public decimal NextDecimal() => Pick(s_decimals, () => new decimal(_random.Next(), _random.Next(), _random.Next(), _random.Next(2) == 0, (byte)_random.Next(29)));

    public float NextSingle() => Pick(s_singles, () => BitConverter.Int32BitsToSingle(_random.Next(int.MinValue, int.MaxValue)));

    public string? NextText()
    {
        int shape = _random.Next(10);
        int length = shape switch
        {
            0 => 0,
            1 => 100_000 + _random.Next(1000),
            _ => _random.Next(1, 40),
        };
        if (shape == 2)
        {
            return null;
        }

        var text = new StringBuilder(length + 1);
        while (text.Length < length)
        {
            switch (_random.Next(10))
            {
                case 0: text.Append('\0'); break;
                case 1: text.Append((char)_random.Next(0xD800, 0xDC00)); break; // a high surrogate, paired only by chance
                case 2: text.Append((char)_random.Next(0xDC00, 0xE000)); break; // a low surrogate alone
                case 3: text.Append(char.ConvertFromUtf32(_random.Next(0x10000, 0x110000))); break; // non-BMP, a valid pair
                case 4: text.Append((char)_random.Next(1, 0x20)); break; // control characters JSON escapes
                case 5: text.Append(Escapes[_random.Next(Escapes.Length)]); break;
                case 6: text.Append((char)_random.Next(0x80, 0xD800)); break;
                default: text.Append((char)_random.Next(0x20, 0x7F)); break;
            }
        }

        return text.ToString();
    }

    private T Pick<T>(T[] extremes, Func<T> random) => _random.Next(3) == 0 ? extremes[_random.Next(extremes.Length)] : random();
}

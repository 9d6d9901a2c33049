using Xunit;

namespace Vypr.Specs.Tests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("50ms", 50_000_000L)]
    [InlineData("1.5s", 1_500_000_000L)]
    [InlineData(" 200 us ", 200_000L)]
    [InlineData("250µs", 250_000L)]
    [InlineData("100ns", 100L)]
    [InlineData("2min", 120_000_000_000L)]
    [InlineData("0.001ms", 1_000L)]
    [InlineData("+3s", 3_000_000_000L)]
    public void Parses_a_number_and_a_unit_into_nanoseconds(string text, long expected)
    {
        Assert.True(DurationText.TryParse(text, out long nanoseconds, out string? error), error);
        Assert.Equal(expected, nanoseconds);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null, "the duration is empty")]
    [InlineData("   ", "the duration is empty")]
    [InlineData("ms", "does not start with a number")]
    [InlineData("12", "has no unit; add one of ns, us (or µs), ms, s or min")]
    [InlineData("12 hours", "\"hours\" is not a duration unit")]
    [InlineData("12MS", "\"MS\" is not a duration unit")]
    [InlineData("1.2.3ms", "\"1.2.3\" is not a number")]
    [InlineData("0s", "is not positive")]
    [InlineData("-1ms", "is not positive")]
    [InlineData("0.1ns", "not a whole number of nanoseconds")]
    [InlineData("99999999999999999min", "too long to represent")]
    public void Says_what_is_wrong_with_a_malformed_duration(string? text, string reason)
    {
        Assert.False(DurationText.TryParse(text, out long nanoseconds, out string? error));
        Assert.Equal(0, nanoseconds);
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData(50, DurationUnit.Milliseconds, "50ms", 50_000_000L)]
    [InlineData(2.5, DurationUnit.Microseconds, "2.5us", 2_500L)]
    [InlineData(1, DurationUnit.Minutes, "1min", 60_000_000_000L)]
    public void The_number_and_unit_form_means_the_same_as_the_literal(double value, DurationUnit unit, string literal, long expected)
    {
        Assert.Equal(literal, DurationText.Format(value, unit));
        Assert.Equal(literal, new MaxDurationAttribute(value, unit).Bound);
        Assert.True(DurationText.TryFromValue(value, unit, out long nanoseconds, out _));
        Assert.Equal(expected, nanoseconds);
        Assert.True(DurationText.TryParse(literal, out long parsed, out _));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1)]
    [InlineData(0)]
    public void The_number_and_unit_form_rejects_unusable_values(double value)
    {
        Assert.False(DurationText.TryFromValue(value, DurationUnit.Seconds, out _, out string? error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData(850, "850ns")]
    [InlineData(1_500, "1.5us")]
    [InlineData(12_345_678, "12.346ms")]
    [InlineData(250_000_000, "250ms")]
    [InlineData(2_000_000_000, "2s")]
    [InlineData(90_000_000_000, "1.5min")]
    [InlineData(-7_500_000, "-7.5ms")]
    public void Formats_nanoseconds_in_a_readable_unit(double nanoseconds, string expected)
    {
        Assert.Equal(expected, DurationText.FormatNanoseconds(nanoseconds));
    }
}

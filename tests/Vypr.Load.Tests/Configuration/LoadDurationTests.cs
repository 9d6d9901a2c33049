using System;
using Vypr.Load.Configuration;
using Xunit;

namespace Vypr.Load.Tests.Configuration;

public sealed class LoadDurationTests
{
    [Theory]
    [InlineData("250ms", 2_500_000L)]
    [InlineData("30s", 300_000_000L)]
    [InlineData("5m", 3_000_000_000L)]
    [InlineData("1h30m", 54_000_000_000L)]
    [InlineData("1.5s", 15_000_000L)]
    [InlineData("500us", 5_000L)]
    [InlineData("500µs", 5_000L)]
    [InlineData("100ns", 1L)]
    [InlineData(" 2s ", 20_000_000L)]
    public void Durations_read_as_people_write_them(string text, long ticks)
    {
        Assert.True(LoadDuration.TryParse(text, out TimeSpan duration));
        Assert.Equal(ticks, duration.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("ms")]
    [InlineData("5 minutes")]
    [InlineData("5d")]
    [InlineData("-5s")]
    [InlineData("1..5s")]
    [InlineData("NaNs")]
    [InlineData("Infinitys")]
    [InlineData("1e400s")]
    [InlineData("99999999999999999999h")]
    [InlineData("5s\0")]
    [InlineData("5\ud800s")]
    public void Anything_else_is_not_a_duration(string? text)
    {
        Assert.False(LoadDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(212.44, "212.4ms")]
    [InlineData(1.25, "1.25ms")]
    [InlineData(0.0425, "42.5us")]
    [InlineData(0.000033, "33ns")]
    [InlineData(0.0, "0ms")]
    [InlineData(double.NaN, "n/a")]
    [InlineData(double.PositiveInfinity, "n/a")]
    public void Reports_show_times_in_a_readable_unit(double milliseconds, string text)
    {
        Assert.Equal(text, LoadDuration.FormatMilliseconds(milliseconds));
    }
}

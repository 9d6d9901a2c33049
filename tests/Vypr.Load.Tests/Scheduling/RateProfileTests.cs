using System;
using Vypr.Load.Scheduling;
using Xunit;

namespace Vypr.Load.Tests.Scheduling;

public sealed class RateProfileTests
{
    [Fact]
    public void A_linear_ramp_from_zero_places_fire_n_where_the_rate_integral_reaches_n()
    {
        // 0 -> 1000/s over 10 s: the integral is 50 t^2, so fire n is due at sqrt(n / 50).
        var profile = new RateProfile(0, [new RateStage(TimeSpan.FromSeconds(10), 1_000)]);

        for (long n = 0; n < 5_000; n += 97)
        {
            Assert.Equal(Math.Sqrt(n / 50.0), profile.OffsetOf(n), 9);
        }

        Assert.Equal(5_000, profile.CountBefore(10));
        Assert.Equal(5_000 + 2_000, profile.CountBefore(12)); // the last rate is held
        Assert.Equal(10.0, profile.OffsetOf(5_000), 9);
        Assert.Equal(11.0, profile.OffsetOf(6_000), 9);
    }

    [Fact]
    public void Ramps_up_and_down_fire_exactly_the_area_under_the_rate()
    {
        var profile = new RateProfile(100, [
            new RateStage(TimeSpan.FromSeconds(2), 300),  // 400 fires
            new RateStage(TimeSpan.FromSeconds(1), 300),  // 300
            new RateStage(TimeSpan.FromSeconds(4), 0),    // 600, then nothing more
        ]);

        Assert.Equal(1_300, profile.CountBefore(7));
        Assert.Equal(1_300, profile.CountBefore(100));
        Assert.True(profile.OffsetOf(1_299) < 7);
        Assert.Equal(double.PositiveInfinity, profile.OffsetOf(1_300));
        Assert.Equal(TimeSpan.FromSeconds(7), profile.StagesDuration);

        double previous = -1;
        for (long n = 0; n < 1_300; n++)
        {
            double offset = profile.OffsetOf(n);
            Assert.True(offset > previous, $"fire {n} at {offset} is not after fire {n - 1} at {previous}");
            Assert.Equal(n + 1, profile.CountBefore(offset + 1e-9));
            previous = offset;
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-1.0)]
    public void Non_finite_and_negative_rates_are_refused(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RateProfile.Constant(rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateProfile(1, [new RateStage(TimeSpan.FromSeconds(1), rate)]));
    }

    [Fact]
    public void A_zero_rate_never_fires()
    {
        Assert.Equal(double.PositiveInfinity, RateProfile.Constant(0).OffsetOf(0));
        Assert.Equal(0, RateProfile.Constant(0).CountBefore(1_000));
    }
}

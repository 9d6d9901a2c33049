using System;
using Vypr.Analysis.Statistics;
using Xunit;

namespace Vypr.Analysis.Tests.Statistics;

public sealed class NormalTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.025)]
    [InlineData(5.0, 2.866515718791939e-7)]
    [InlineData(13.0, 6.11716439954988e-39)]
    public void Upper_tail_keeps_relative_precision_far_out(double z, double expected)
    {
        Assert.Equal(1, Normal.UpperTail(z) / expected, 5);
    }

    [Fact]
    public void Inverse_cdf_inverts_cdf()
    {
        for (double p = 0.001; p < 1; p += 0.0137)
        {
            Assert.Equal(p, Normal.Cdf(Normal.InverseCdf(p)), 6);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Normal.InverseCdf(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Normal.InverseCdf(double.NaN));
    }
}

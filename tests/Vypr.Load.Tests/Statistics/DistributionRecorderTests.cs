using System;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Load.Statistics;
using Xunit;

namespace Vypr.Load.Tests.Statistics;

public sealed class DistributionRecorderTests
{
    [Fact]
    public void Percentiles_of_ticks_are_within_a_thousandth_of_the_exact_ones_in_milliseconds()
    {
        // 1 ms .. 10 s in nanosecond ticks, recorded from several threads at once.
        var recorder = DistributionRecorder.ForTicks(1_000_000_000);
        long[] values = Enumerable.Range(1, 10_000).Select(i => i * 1_000_000L).ToArray();
        Parallel.ForEach(values, value => recorder.RecordTicks(value));

        LoadDistribution summary = recorder.Summarize();

        Assert.Equal("ms", summary.Unit);
        Assert.Equal(10_000, summary.Count);
        AssertClose(1, summary.Min);
        AssertClose(5_000, summary.P50);
        AssertClose(7_500, summary.P75);
        AssertClose(9_000, summary.P90);
        AssertClose(9_500, summary.P95);
        AssertClose(9_900, summary.P99);
        AssertClose(9_990, summary.P999);
        AssertClose(10_000, summary.Max);
        AssertClose(5_000.5, summary.Mean);
    }

    [Fact]
    public void Custom_metric_values_get_the_same_statistics_and_invalid_values_are_counted_not_recorded()
    {
        var recorder = DistributionRecorder.ForMetric();
        var random = new Random(3);
        double[] values = Enumerable.Range(0, 20_000).Select(_ => Math.Round(random.NextDouble() * 5_000, 3) + 0.5).ToArray();
        foreach (double value in values)
        {
            recorder.RecordValue(value);
        }

        foreach (double invalid in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1, -double.Epsilon })
        {
            recorder.RecordValue(invalid);
        }

        LoadDistribution summary = recorder.Summarize();
        double[] sorted = values.Order().ToArray();

        Assert.Equal(values.Length, summary.Count);
        Assert.Equal(5, summary.Invalid);
        AssertClose(sorted[(int)Math.Ceiling(0.50 * sorted.Length) - 1], summary.P50);
        AssertClose(sorted[(int)Math.Ceiling(0.99 * sorted.Length) - 1], summary.P99);
        AssertClose(sorted[^1], summary.Max);
        AssertClose(values.Average(), summary.Mean);
    }

    [Fact]
    public void Extreme_values_are_kept_at_the_histograms_bound_and_zero_is_recorded()
    {
        var recorder = DistributionRecorder.ForMetric();
        recorder.RecordValue(0);
        recorder.RecordValue(double.MaxValue);
        recorder.RecordValue(1e300);

        LoadDistribution summary = recorder.Summarize();

        Assert.Equal(3, summary.Count);
        Assert.Equal(0, summary.Min);
        AssertClose(1e12, summary.Max);
    }

    [Fact]
    public void Nothing_recorded_summarises_as_not_a_number_not_as_zero()
    {
        LoadDistribution summary = DistributionRecorder.ForTicks(1_000_000_000).Summarize();

        Assert.Equal(0, summary.Count);
        Assert.True(double.IsNaN(summary.P99));
        Assert.True(double.IsNaN(summary.Mean));
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Abs(expected) * 0.001 + 0.001, $"expected {expected} within 0.1%, was {actual}");
}

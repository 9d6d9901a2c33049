using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Analysis.Comparison;
using Vypr.Analysis.Tests.Statistics;
using Xunit;

namespace Vypr.Analysis.Tests.Comparison;

public sealed class RunComparerTests
{
    [Fact]
    public void Identical_distributions_are_never_called_slower_or_faster_and_mostly_same()
    {
        var random = new Random(10);
        int changed = 0;
        int same = 0;
        const int trials = 200;
        for (int t = 0; t < trials; t++)
        {
            RunSet a = Side("base", random, 1.0, runs: 1, samples: 30, noise: 0.03);
            RunSet b = Side("head", random, 1.0, runs: 1, samples: 30, noise: 0.03);
            MetricComparison m = RunComparer.Compare(a, b).Metrics.Single();
            changed += m.Outcome is ComparisonOutcome.Slower or ComparisonOutcome.Faster ? 1 : 0;
            same += m.Outcome == ComparisonOutcome.Same ? 1 : 0;
        }

        Assert.Equal(0, changed);
        Assert.True(same >= 190, $"only {same} of {trials} were 'same'");
    }

    [Theory]
    [InlineData(1.25, ComparisonOutcome.Slower)]
    [InlineData(0.75, ComparisonOutcome.Faster)]
    public void A_shift_well_beyond_the_threshold_is_found(double factor, ComparisonOutcome expected)
    {
        var random = new Random(11);
        for (int t = 0; t < 50; t++)
        {
            RunComparison c = RunComparer.Compare(Side("b", random, 1.0, 1, 30, 0.03), Side("h", random, factor, 1, 30, 0.03));
            Assert.Equal(expected, c.Metrics.Single().Outcome);
        }
    }

    [Fact]
    public void A_shift_that_straddles_the_threshold_is_inconclusive_not_slower()
    {
        var random = new Random(12);
        RunComparison c = RunComparer.Compare(Side("b", random, 1.0, 1, 6, 0.10), Side("h", random, 1.10, 1, 6, 0.10));
        Assert.Equal(ComparisonOutcome.Inconclusive, c.Metrics.Single().Outcome);
    }

    [Fact]
    public void A_per_metric_threshold_overrides_the_default()
    {
        var random = new Random(13);
        RunSet a = Side("b", random, 1.0, 1, 40, 0.01);
        RunSet b = Side("h", random, 1.05, 1, 40, 0.01);
        Assert.Equal(ComparisonOutcome.Same, RunComparer.Compare(a, b).Metrics.Single().Outcome);
        var strict = new ComparisonOptions { MetricThresholds = new Dictionary<string, double> { ["parse"] = 0.02 } };
        Assert.Equal(ComparisonOutcome.Slower, RunComparer.Compare(a, b, strict).Metrics.Single().Outcome);
    }

    [Fact]
    public void Runs_of_different_machines_are_refused_unless_allowed()
    {
        var random = new Random(14);
        RunSet a = Side("b", random, 1.0, 1, 10, 0.03) with { Machines = ["ci-1; Linux; 2 cores"] };
        RunSet b = Side("h", random, 1.0, 1, 10, 0.03) with { Machines = ["laptop; macOS; 8 cores"] };
        var e = Assert.Throws<MachineMismatchException>(() => RunComparer.Compare(a, b));
        Assert.Contains("laptop; macOS; 8 cores", e.Message, StringComparison.Ordinal);
        Assert.Single(RunComparer.Compare(a, b, new ComparisonOptions { AllowDifferentMachines = true }).Metrics);
    }

    [Fact]
    public void With_three_runs_a_side_each_run_is_one_value_and_run_to_run_noise_widens_the_interval()
    {
        var random = new Random(15);
        // Each run has its own level (machine state); inside a run the samples are tight.
        RunSet a = SideWithRunEffect("b", random, 1.0, runs: 5, samples: 50, runNoise: 0.05, sampleNoise: 0.005);
        RunSet b = SideWithRunEffect("h", random, 1.0, runs: 5, samples: 50, runNoise: 0.05, sampleNoise: 0.005);
        MetricComparison runLevel = RunComparer.Compare(a, b).Metrics.Single();
        Assert.True(runLevel.RunLevel);
        Assert.Equal(5, runLevel.BaseCount);
        Assert.NotEqual(ComparisonOutcome.Slower, runLevel.Outcome);
        Assert.NotEqual(ComparisonOutcome.Faster, runLevel.Outcome);
        MetricComparison pooled = RunComparer.Compare(a, b, new ComparisonOptions { MinRunsForRunLevel = 6 }).Metrics.Single();
        Assert.False(pooled.RunLevel);
        Assert.Contains("noise inside the runs only", pooled.Note, StringComparison.Ordinal);
        Assert.True(pooled.Estimate!.Upper / pooled.Estimate.Lower < runLevel.Estimate!.Upper / runLevel.Estimate.Lower);
    }

    [Fact]
    public void At_run_level_three_runs_a_side_cannot_decide_and_six_can()
    {
        var random = new Random(17);
        RunComparison three = RunComparer.Compare(
            SideWithRunEffect("b", random, 1.0, runs: 3, samples: 20, runNoise: 0.02, sampleNoise: 0.01),
            SideWithRunEffect("h", random, 1.5, runs: 3, samples: 20, runNoise: 0.02, sampleNoise: 0.01));
        Assert.Equal(ComparisonOutcome.Inconclusive, three.Metrics.Single().Outcome);
        Assert.True(double.IsPositiveInfinity(three.Metrics.Single().Estimate!.Upper));
        RunComparison six = RunComparer.Compare(
            SideWithRunEffect("b", random, 1.0, runs: 6, samples: 20, runNoise: 0.02, sampleNoise: 0.01),
            SideWithRunEffect("h", random, 1.5, runs: 6, samples: 20, runNoise: 0.02, sampleNoise: 0.01));
        Assert.Equal(ComparisonOutcome.Slower, six.Metrics.Single().Outcome);
    }

    [Fact]
    public void Non_finite_and_non_positive_samples_are_left_out_and_said()
    {
        var a = new RunSet("b", [], new Dictionary<string, MetricRuns> { ["m"] = new("m", "ns", [[1, 2, 3, double.NaN, double.PositiveInfinity, 0, -1, 2, 3, 1]]) });
        var b = new RunSet("h", [], new Dictionary<string, MetricRuns> { ["m"] = new("m", "ns", [[1, 2, 3, 2, 1, 3, double.NegativeInfinity]]) });
        MetricComparison m = RunComparer.Compare(a, b).Metrics.Single();
        Assert.Contains("5 values left out", m.Note, StringComparison.Ordinal);
        Assert.Equal(6, m.BaseCount);
    }

    [Fact]
    public void Metrics_on_one_side_only_are_inconclusive_with_a_note()
    {
        var a = new RunSet("b", [], new Dictionary<string, MetricRuns> { ["gone"] = new("gone", "ns", [[1, 2, 3]]) });
        var b = new RunSet("h", [], new Dictionary<string, MetricRuns> { ["new"] = new("new", "ns", [[1, 2, 3]]) });
        RunComparison c = RunComparer.Compare(a, b);
        Assert.All(c.Metrics, m => Assert.Equal(ComparisonOutcome.Inconclusive, m.Outcome));
        Assert.Contains(c.Metrics, m => m.Note == "only in base");
        Assert.Contains(c.Metrics, m => m.Note == "only in head");
    }

    [Fact]
    public void Across_many_unchanged_metrics_false_discovery_control_keeps_alarms_rare()
    {
        // With a zero threshold every real difference counts; 100 unchanged metrics would give about 5 "changes" at
        // p < 0.05 each without control.
        var random = new Random(16);
        var options = new ComparisonOptions { Threshold = 0 };
        int runsWithAlarm = 0;
        for (int t = 0; t < 20; t++)
        {
            RunSet a = ManyMetrics("b", random, 100);
            RunSet b = ManyMetrics("h", random, 100);
            RunComparison c = RunComparer.Compare(a, b, options);
            runsWithAlarm += c.Count(ComparisonOutcome.Slower) + c.Count(ComparisonOutcome.Faster) > 0 ? 1 : 0;
        }

        Assert.InRange(runsWithAlarm, 0, 4);
    }

    private static RunSet ManyMetrics(string label, Random random, int count)
    {
        var metrics = new Dictionary<string, MetricRuns>();
        for (int i = 0; i < count; i++)
        {
            string name = $"m{i}";
            metrics[name] = new MetricRuns(name, "ns", [HodgesLehmannTests.Samples(random, 20, 1000, 0.05)]);
        }

        return new RunSet(label, ["machine"], metrics);
    }

    private static RunSet Side(string label, Random random, double factor, int runs, int samples, double noise) =>
        new(label, Enumerable.Repeat("machine", runs).ToList(), new Dictionary<string, MetricRuns>
        {
            ["parse"] = new("parse", "ns", Enumerable.Range(0, runs).Select(_ => (IReadOnlyList<double>)HodgesLehmannTests.Samples(random, samples, 1e6 * factor, noise)).ToList()),
        });

    private static RunSet SideWithRunEffect(string label, Random random, double factor, int runs, int samples, double runNoise, double sampleNoise) =>
        new(label, Enumerable.Repeat("machine", runs).ToList(), new Dictionary<string, MetricRuns>
        {
            ["parse"] = new("parse", "ns", Enumerable.Range(0, runs)
                .Select(_ => (IReadOnlyList<double>)HodgesLehmannTests.Samples(random, samples, 1e6 * factor * Math.Exp(runNoise * HodgesLehmannTests.Gaussian(random)), sampleNoise))
                .ToList()),
        });
}

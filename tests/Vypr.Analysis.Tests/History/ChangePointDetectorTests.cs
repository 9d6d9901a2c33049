using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vypr.Analysis.History;
using Vypr.Analysis.Simulation;
using Vypr.Analysis.Tests.Statistics;
using Xunit;

namespace Vypr.Analysis.Tests.History;

public sealed class ChangePointDetectorTests
{
    [Fact]
    public void A_single_step_is_reported_once_at_its_first_commit_with_its_size()
    {
        var random = new Random(20);
        List<HistoryPoint> history = Series(random, 200, 0.02, step: 120, ratio: 1.25);
        ChangePoint change = Assert.Single(ChangePointDetector.Detect(history));
        Assert.Equal(120, change.Index);
        Assert.Equal("c120", change.Commit);
        Assert.Equal(ChangeDirection.Regression, change.Direction);
        Assert.InRange(change.Ratio, 1.2, 1.3);
        Assert.True(change.Lower <= 1.25 && 1.25 <= change.Upper);
        Assert.True(change.PValue < 1e-5);
        Assert.InRange(change.DetectedAt - change.Index, 4, 15);
    }

    [Fact]
    public void A_ten_percent_step_under_high_noise_is_found_by_waiting_for_more_runs()
    {
        // d = log(1.1) / 0.06 = 1.6 run-to-run standard deviations: 15 runs after the step often do not pass
        // alpha = 1e-5, 25 mostly do. The step is found later, and the delay says how much later. (Found: reported
        // at a commit within 10 of the step; naming its exact commit under this noise is scored by the benchmark.)
        (int Found, int Elsewhere, int MaxDelay) Score(DetectorOptions options)
        {
            var random = new Random(23);
            int found = 0, elsewhere = 0, maxDelay = 0;
            for (int h = 0; h < 40; h++)
            {
                foreach (ChangePoint c in ChangePointDetector.Detect(Series(random, 160, 0.06, step: 100, ratio: 1.1), options))
                {
                    if (Math.Abs(c.Index - 100) <= 10 && c.Direction == ChangeDirection.Regression)
                    {
                        found++;
                        maxDelay = Math.Max(maxDelay, c.DetectedAt - 100);
                    }
                    else
                    {
                        elsewhere++;
                    }
                }
            }

            return (found, elsewhere, maxDelay);
        }

        var now = Score(new DetectorOptions());
        var shortWindows = Score(new DetectorOptions { MaxAfter = 15 });
        Assert.True(now.Found >= 33, $"{now} vs {shortWindows} with windows of 15");
        Assert.True(now.Found > shortWindows.Found, $"{now} vs {shortWindows} with windows of 15");
        Assert.InRange(now.Elsewhere, 0, 1);
        Assert.InRange(now.MaxDelay, 4, new DetectorOptions().MaxAfter + 10);
    }

    [Fact]
    public void Flat_noisy_histories_with_outliers_give_no_changes()
    {
        var random = new Random(21);
        int alarms = 0;
        for (int h = 0; h < 10; h++)
        {
            List<HistoryPoint> history = Series(random, 500, 0.05, step: -1, ratio: 1);
            // A few single-run outliers, as CI produces.
            for (int i = 50; i < 500; i += 97)
            {
                history[i] = history[i] with { Value = history[i].Value * 2 };
            }

            alarms += ChangePointDetector.Detect(history).Count;
        }

        Assert.InRange(alarms, 0, 1);
    }

    [Fact]
    public void Runs_before_the_baseline_are_ignored()
    {
        var random = new Random(22);
        List<HistoryPoint> history = Series(random, 200, 0.02, step: 60, ratio: 1.5);
        Assert.Single(ChangePointDetector.Detect(history));
        Assert.Empty(ChangePointDetector.Detect(history, start: 60));
    }

    [Fact]
    public void Non_finite_and_non_positive_values_are_skipped()
    {
        var random = new Random(23);
        List<HistoryPoint> history = Series(random, 200, 0.02, step: 100, ratio: 1.3);
        history[30] = history[30] with { Value = double.NaN };
        history[31] = history[31] with { Value = 0 };
        history[32] = history[32] with { Value = double.PositiveInfinity };
        ChangePoint change = Assert.Single(ChangePointDetector.Detect(history));
        Assert.Equal(100, change.Index);
    }

    [Fact]
    public void On_generated_CI_histories_at_3_percent_noise_recall_and_false_alarms_meet_the_target()
    {
        // The same generator and scorer as docs/benchmarks.md, on a smaller seeded set; margins below the measured
        // figures (98% recall, 0.1 false alarms per 1,000 commits on 20 x 1,000 commits).
        var generator = new HistoryGenerator(1313);
        List<LabelledHistory> histories = Enumerable.Range(0, 8).Select(_ => generator.Generate(1000, 0.03)).ToList();
        RuleScore vypr = DetectorScorer.Score(new VyprRule(new DetectorOptions()), histories, 0.10);
        Assert.True(vypr.Steps >= 25, $"only {vypr.Steps} steps generated");
        Assert.True(vypr.Recall >= 0.9, $"recall {vypr.Recall:P1} ({vypr.Hits}/{vypr.Steps})");
        Assert.True(vypr.FalseAlarmsPerThousand <= 1.0, $"{vypr.FalseAlarmsPerThousand} false alarms per 1,000 commits");
        Assert.InRange(vypr.MeanDelay, 4, 10);

        // The neighbours' rules on the same data: the previous-run rules drown in false alarms.
        RuleScore fivePercent = DetectorScorer.Score(new PreviousRunRule("mean +5%", 1.05), histories, 0.10);
        RuleScore tTest = DetectorScorer.Score(new StudentTRule(0.1), histories, 0.10);
        Assert.True(fivePercent.FalseAlarmsPerThousand > 50, $"{fivePercent.FalseAlarmsPerThousand}");
        Assert.True(tTest.FalseAlarmsPerThousand > 50, $"{tTest.FalseAlarmsPerThousand}");
    }

    [Fact]
    public void The_scorer_counts_a_hit_only_from_the_step_to_two_commits_after()
    {
        var history = new LabelledHistory(0.01, Enumerable.Range(0, 100).Select(_ => new[] { 1.0 }).ToList(), [new LabelledStep(50, 1.2)]);
        Assert.Equal(1, DetectorScorer.Score(new FixedRule([new Alarm(52, 55)]), [history], 0.1).Hits);
        RuleScore early = DetectorScorer.Score(new FixedRule([new Alarm(49, 55)]), [history], 0.1);
        Assert.Equal(0, early.Hits);
        Assert.Equal(1, early.FalseAlarms);
        RuleScore late = DetectorScorer.Score(new FixedRule([new Alarm(53, 55)]), [history], 0.1);
        Assert.Equal(0, late.Hits);
        Assert.Equal(4, DetectorScorer.Score(new FixedRule([new Alarm(50, 54)]), [history], 0.1).MaxDelay);
    }

    [Fact]
    public void The_generator_is_reproducible_from_its_seed()
    {
        LabelledHistory a = new HistoryGenerator(7).Generate(300, 0.03);
        LabelledHistory b = new HistoryGenerator(7).Generate(300, 0.03);
        Assert.Equal(a.Steps, b.Steps);
        Assert.Equal(a.Runs[123], b.Runs[123]);
        Assert.NotEmpty(a.Steps);
    }

    private static List<HistoryPoint> Series(Random random, int count, double noise, int step, double ratio) =>
        Enumerable.Range(0, count)
            .Select(i => new HistoryPoint(
                "c" + i.ToString(CultureInfo.InvariantCulture),
                1e6 * (step >= 0 && i >= step ? ratio : 1) * Math.Exp(noise * HodgesLehmannTests.Gaussian(random))))
            .ToList();

    private sealed record FixedRule(IReadOnlyList<Alarm> Fixed) : IRegressionRule
    {
        public string Name => "fixed";

        public IReadOnlyList<Alarm> Alarms(IReadOnlyList<double[]> runs) => Fixed;
    }
}

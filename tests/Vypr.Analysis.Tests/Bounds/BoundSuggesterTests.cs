using System;
using System.Linq;
using Vypr.Analysis.Bounds;
using Vypr.Analysis.Tests.Explanations;
using Xunit;

namespace Vypr.Analysis.Tests.Bounds;

public sealed class BoundSuggesterTests
{
    [Fact]
    public void The_bound_is_the_high_quantile_plus_the_margin_rounded_up_and_ready_to_paste()
    {
        // Good runs: no violations, durations 5-6 ms.
        var runs = Enumerable.Range(0, 3).Select(i => Documents.Uploader(40, 0, 60)).ToList();
        BoundSuggestion s = Assert.Single(BoundSuggester.Suggest(runs, 0.99, 0.2));
        Assert.Equal(300, s.Calls);
        Assert.Equal(3, s.Runs);
        Assert.InRange(s.QuantileNanoseconds, 5_900_000, 6_000_000);
        Assert.True(s.BoundNanoseconds >= s.QuantileNanoseconds * 1.2);
        Assert.True(s.BoundNanoseconds <= s.QuantileNanoseconds * 1.2 * 1.1);
        Assert.StartsWith($"[MaxDuration(\"{s.BoundText}\")] // Uploader.IovOrderRule.Validate(Uploader.Payload): p99 ", s.Code, StringComparison.Ordinal);
        Assert.Contains("+20% margin (was MaxDuration(\"20ms\"))", s.Code, StringComparison.Ordinal);
        Assert.False(s.LongestCallDecides);
        Assert.Equal(0, s.ViolatingRuns);
        Assert.DoesNotContain("violations", s.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void A_call_longer_than_the_quantile_and_margin_decides_the_bound_and_runs_with_violations_are_named()
    {
        // One call of 300 takes 30-31 ms (over the current 20 ms bound); the rest 5-6 ms. The 99th percentile plus 20%
        // stays far under it, and a bound there would fail the very run it was learned from.
        var runs = new[] { Documents.Uploader(100, 1, 200), Documents.Uploader(40, 0, 60) };
        BoundSuggestion s = Assert.Single(BoundSuggester.Suggest(runs, 0.99, 0.2));
        Assert.InRange(s.MaxNanoseconds, 30_000_000, 31_000_000);
        Assert.True(s.BoundNanoseconds >= s.MaxNanoseconds, $"{s.BoundText} is under the longest call {s.MaxNanoseconds} ns");
        Assert.True(s.LongestCallDecides);
        Assert.Equal(1, s.ViolatingRuns);
        Assert.Contains("in 2 run(s) (1 with violations of the current bound)", s.Code, StringComparison.Ordinal);
        Assert.Contains("decides the bound", s.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void No_suggested_bound_is_under_a_call_of_the_runs_it_was_learned_from()
    {
        var random = new Random(61);
        for (int i = 0; i < 200; i++)
        {
            var runs = Enumerable.Range(0, 1 + random.Next(3))
                .Select(_ => Documents.Uploader(1 + random.Next(60), random.Next(3), random.Next(60), scale: Math.Exp(random.NextDouble() * 12 - 6)))
                .ToList();
            foreach (BoundSuggestion s in BoundSuggester.Suggest(runs, 0.5 + (random.NextDouble() * 0.49), random.NextDouble()))
            {
                long longest = runs.SelectMany(r => r.Verdicts).Max(v => v.DurationNanoseconds);
                Assert.True(s.BoundNanoseconds >= longest, $"round {i}: {s.BoundText} is under a call of {longest} ns");
            }
        }
    }

    [Fact]
    public void Calls_of_microseconds_get_the_floor_with_the_reason_not_a_bound_one_preemption_exceeds()
    {
        // FluentValidation's email validator: sub-microsecond calls, for which p99 + 20% was proposed as "4.9us".
        var runs = Enumerable.Range(0, 2).Select(i => Documents.Uploader(40, 0, 60, scale: 1e-4)).ToList();
        BoundSuggestion s = Assert.Single(BoundSuggester.Suggest(runs, 0.99, 0.2));
        Assert.True(s.MaxNanoseconds < 1_000, $"longest call {s.MaxNanoseconds} ns");
        Assert.Equal(BoundSuggester.DefaultFloorNanoseconds, s.BoundNanoseconds);
        Assert.Equal("5ms", s.BoundText);
        Assert.True(s.FloorDecides);
        Assert.False(s.LongestCallDecides);
        Assert.StartsWith("[MaxDuration(\"5ms\")] // ", s.Code, StringComparison.Ordinal);
        Assert.Contains("; the floor 5ms decides the bound (p99 +20% is ", s.Code, StringComparison.Ordinal);
        Assert.Contains("--floor changes it)", s.Code, StringComparison.Ordinal);

        // A floor of 0 gives the durations' own bound, and a floor under the durations' bound changes nothing.
        BoundSuggestion unfloored = Assert.Single(BoundSuggester.Suggest(runs, 0.99, 0.2, floorNanoseconds: 0));
        Assert.InRange(unfloored.BoundNanoseconds, 600, 1_000);
        Assert.False(unfloored.FloorDecides);
        BoundSuggestion low = Assert.Single(BoundSuggester.Suggest(runs, 0.99, 0.2, floorNanoseconds: 100));
        Assert.Equal(unfloored.BoundNanoseconds, low.BoundNanoseconds);
        Assert.False(low.FloorDecides);
        Assert.DoesNotContain("floor", low.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void No_suggested_bound_is_under_the_floor()
    {
        var random = new Random(17);
        for (int i = 0; i < 200; i++)
        {
            var runs = Enumerable.Range(0, 1 + random.Next(3))
                .Select(_ => Documents.Uploader(1 + random.Next(60), random.Next(3), random.Next(60), scale: Math.Exp(random.NextDouble() * 12 - 9)))
                .ToList();
            long floor = (long)Math.Exp(random.NextDouble() * 20);
            foreach (BoundSuggestion s in BoundSuggester.Suggest(runs, 0.5 + (random.NextDouble() * 0.49), random.NextDouble(), floor))
            {
                Assert.True(s.BoundNanoseconds >= floor, $"round {i}: {s.BoundText} is under the floor {floor} ns");
                Assert.True(s.BoundNanoseconds >= s.MaxNanoseconds, $"round {i}: {s.BoundText} is under a call of {s.MaxNanoseconds} ns");
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => BoundSuggester.Suggest([], 0.99, 0.2, floorNanoseconds: -1));
    }

    [Fact]
    public void Rounding_up_keeps_two_significant_digits_and_never_goes_below()
    {
        var random = new Random(30);
        for (int i = 0; i < 1000; i++)
        {
            double ns = Math.Exp(random.NextDouble() * 25);
            long r = DurationText.RoundUp(ns);
            Assert.True(r >= Math.Floor(ns), $"{r} < {ns}");
            Assert.True(r <= ns * 1.1 + 1, $"{r} too far above {ns}");
        }

        Assert.Equal(7_200_000, DurationText.RoundUp(7_112_345));
        Assert.Equal("7.2ms", DurationText.Format(7_200_000));
        Assert.Equal("1.5s", DurationText.Format(1_500_000_000));
        Assert.Equal("850ns", DurationText.Format(850));
    }

    [Theory]
    [InlineData(0.0, 0.2)]
    [InlineData(1.0, 0.2)]
    [InlineData(0.99, -0.1)]
    [InlineData(double.NaN, 0.2)]
    public void Out_of_range_settings_are_refused(double quantile, double margin)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoundSuggester.Suggest([], quantile, margin));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Vypr.Analysis.History;
using Vypr.Analysis.Inputs;
using Xunit;

namespace Vypr.Analysis.Tests.History;

public sealed class BranchHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_branch_is_its_own_history_so_a_feature_branch_step_is_not_a_regression_of_main()
    {
        // Interleaved in time: main is flat, the feature branch steps up 30% at its 20th run.
        var runs = new List<MeasuredRun>();
        var random = new Random(5);
        for (int i = 0; i < 40; i++)
        {
            runs.Add(Run(random, "main", $"m{i:000000}", T0.AddHours(2 * i), 1.0));
            runs.Add(Run(random, "feature", $"f{i:000000}", T0.AddHours((2 * i) + 1), i >= 20 ? 1.3 : 1.0));
        }

        IReadOnlyList<BranchHistories> branches = RunSets.ToBranchHistories(runs);
        Assert.Equal(["feature", "main"], branches.Select(b => b.Branch));
        Assert.All(branches, b => Assert.Equal(40, b.Metrics["parse"].Count));
        Assert.All(branches.Single(b => b.Branch == "main").Metrics["parse"], p => Assert.StartsWith("m", p.Commit, StringComparison.Ordinal));

        IReadOnlyList<MetricHistory> analysed = HistoryAnalysis.Analyze(branches);
        MetricHistory feature = analysed.Single(h => h.Branch == "feature");
        ChangePoint change = Assert.Single(feature.Changes);
        Assert.Equal(("f000020", ChangeDirection.Regression), (change.Commit, change.Direction));
        Assert.Empty(analysed.Single(h => h.Branch == "main").Changes);
        Assert.Equal("feature", analysed[0].Branch);

    }

    [Fact]
    public void An_acknowledgement_on_one_branch_moves_that_branchs_baseline_only()
    {
        // Both branches carry the same 30% step (the feature branch was cut after it landed on main).
        var runs = new List<MeasuredRun>();
        var random = new Random(6);
        for (int i = 0; i < 40; i++)
        {
            runs.Add(Run(random, "main", $"m{i:000000}", T0.AddHours(2 * i), i >= 20 ? 1.3 : 1.0));
            runs.Add(Run(random, "release", $"r{i:000000}", T0.AddHours((2 * i) + 1), i >= 25 ? 1.3 : 1.0));
        }

        IReadOnlyList<BranchHistories> branches = RunSets.ToBranchHistories(runs);
        Assert.Equal(2, HistoryAnalysis.Analyze(branches).Count(h => h.Changes.Any(c => c.Direction == ChangeDirection.Regression)));

        Baselines acknowledged = Baselines.Empty.With("main", "parse", new Baseline("m000020", "accepted", T0));
        IReadOnlyList<MetricHistory> after = HistoryAnalysis.Analyze(branches, acknowledged);
        MetricHistory main = after.Single(h => h.Branch == "main");
        Assert.Empty(main.Changes);
        Assert.Equal((20, "m000020"), (main.BaselineIndex, main.BaselineCommit));
        MetricHistory release = after.Single(h => h.Branch == "release");
        Assert.Equal("r000025", Assert.Single(release.Changes).Commit);
        Assert.Equal(0, release.BaselineIndex);
    }

    [Fact]
    public void A_branchs_own_baseline_wins_over_its_star_and_the_top_level_ones()
    {
        Baseline top = new("t", null, T0), topStar = new("ts", null, T0), own = new("o", null, T0), ownStar = new("os", null, T0);
        Baselines b = Baselines.Empty
            .With("parse", top)
            .With(Baselines.AllMetrics, topStar)
            .With("main", "parse", own)
            .With("main", Baselines.AllMetrics, ownStar);

        Assert.Equal(own, b.For("main", "parse"));
        Assert.Equal(ownStar, b.For("main", "hash"));
        Assert.Equal(top, b.For("feature", "parse"));
        Assert.Equal(topStar, b.For("feature", "hash"));
        Assert.Equal(top, b.For(null, "parse"));
        Assert.Null(Baselines.Empty.For("main", "parse"));
    }

    [Fact]
    public void Branch_baselines_survive_the_file_format_and_old_files_without_them_still_read()
    {
        Baselines b = Baselines.Empty.With("release/1.x", "parse", new Baseline("abc1234", "release", T0)).With("hash", new Baseline("def5678", null, T0));
        string json = JsonSerializer.Serialize(b, AnalysisJson.Baselines);
        Baselines back = JsonSerializer.Deserialize(json, AnalysisJson.Baselines)!;
        Assert.Equal(b.For("release/1.x", "parse"), back.For("release/1.x", "parse"));
        Assert.Equal(b.For("main", "hash"), back.For("main", "hash"));
        Assert.Contains("\"branches\"", json, StringComparison.Ordinal);

        Baselines old = JsonSerializer.Deserialize("""{"schema":"vypr.baselines/1","metrics":{"parse":{"commit":"abc1234","setAt":"2026-11-01T00:00:00+00:00"}}}""", AnalysisJson.Baselines)!;
        Assert.Null(old.Branches);
        Assert.Equal("abc1234", old.For("main", "parse")!.Commit);
    }

    private static MeasuredRun Run(Random random, string branch, string commit, DateTimeOffset at, double level)
    {
        double[] samples = Enumerable.Range(0, 5).Select(_ => 1e6 * level * Math.Exp(0.01 * Gaussian(random))).ToArray();
        return new MeasuredRun(commit + ".json", "m", commit, branch, at, new Dictionary<string, MetricSamples> { ["parse"] = new("ns", samples) });
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

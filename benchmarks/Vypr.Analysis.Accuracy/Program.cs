using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vypr.Analysis.History;
using Vypr.Analysis.Simulation;

namespace Vypr.Analysis.Accuracy;

/// <summary>
/// Prints the accuracy table of docs/benchmarks.md: usage <c>[seed] [histories per noise level] [commits per history]</c>.
/// The detector's settings can be varied for experiments by VYPR_ALPHA, VYPR_MIN_EFFECT, VYPR_MAX_BEFORE,
/// VYPR_MIN_AFTER and VYPR_MAX_AFTER (the defaults of <see cref="DetectorOptions"/> otherwise).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        int seed = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 13;
        int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        int commits = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
        var detector = new DetectorOptions
        {
            Alpha = Env("VYPR_ALPHA", new DetectorOptions().Alpha),
            MinEffect = Env("VYPR_MIN_EFFECT", new DetectorOptions().MinEffect),
            MaxBefore = (int)Env("VYPR_MAX_BEFORE", new DetectorOptions().MaxBefore),
            MinAfter = (int)Env("VYPR_MIN_AFTER", new DetectorOptions().MinAfter),
            MaxAfter = (int)Env("VYPR_MAX_AFTER", new DetectorOptions().MaxAfter),
        };
        IRegressionRule[] rules =
        [
            new VyprRule(detector),
            new PreviousRunRule("1.2x vs previous run (mean)", 1.2),
            new PreviousRunRule("200% of previous run (mean)", 2.0),
            new PreviousRunRule("mean +5% vs previous run", 1.05),
            new StudentTRule(0.1),
        ];
        Console.WriteLine($"seed {seed}, {count} histories x {commits} commits per noise level, {new HistoryGenerator(seed).SamplesPerRun} samples per run");
        Console.WriteLine();
        Console.WriteLine("| noise | rule | recall, steps >= 10% | recall, steps >= 20% | recall, all regressions | false alarms / 1,000 commits | delay (mean / max commits) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (double noise in new[] { 0.01, 0.03, 0.05, 0.10 })
        {
            var generator = new HistoryGenerator(seed + (int)(noise * 1000));
            List<LabelledHistory> histories = Enumerable.Range(0, count).Select(_ => generator.Generate(commits, noise)).ToList();
            foreach (IRegressionRule rule in rules)
            {
                RuleScore ten = DetectorScorer.Score(rule, histories, 0.10);
                RuleScore twenty = DetectorScorer.Score(rule, histories, 0.20);
                RuleScore all = DetectorScorer.Score(rule, histories, 0.0);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {noise:P0} | {rule.Name} | {ten.Recall:P1} ({ten.Hits}/{ten.Steps}) | {twenty.Recall:P1} | {all.Recall:P1} | {ten.FalseAlarmsPerThousand:F2} | {Delay(ten)} |"));
            }
        }

        return 0;
    }

    // A rule that hits nothing has no delay to report.
    private static string Delay(RuleScore score) =>
        score.Hits == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{score.MeanDelay:F1} / {score.MaxDelay}");

    private static double Env(string name, double fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using Vypr.Analysis.History;
using Vypr.Analysis.Inputs;
using Vypr.Analysis.Reports;
using Vypr.Cli.Commands;
using Vypr.Cli.Compare;

namespace Vypr.Cli.Changes;

/// <summary>
/// <c>vypr changes &lt;runs...&gt;</c>: change points in every metric's history on each branch, from its baseline;
/// and <c>--acknowledge</c> / <c>--set-baseline</c> to move a branch's baseline on purpose.
/// </summary>
internal static class ChangesCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("changes", "Find the commits where each metric's level changed, from a branch's runs (oldest first, or ordered by their start time).");
        var runs = new RunsArguments(RunSources.Description);
        var baselinesPath = new Option<string>("--baselines") { Description = "The baselines file (vypr.baselines/1) read and updated.", DefaultValueFactory = _ => "vypr-baselines.json" };
        var acknowledge = new Option<string?>("--acknowledge") { Description = "Accept the change found at this commit: the metric's baseline moves there (with --metric, or every metric changed there)." };
        var setBaseline = new Option<string?>("--set-baseline") { Description = "Count the history from this commit on (with --metric, or for every metric)." };
        var branch = new Option<string?>("--branch") { Description = "Only the runs of this branch (every branch is its own history; by default all are analysed). --acknowledge and --set-baseline need it when the runs span branches." };
        var metric = new Option<string?>("--metric") { Description = "The metric --acknowledge or --set-baseline applies to." };
        var reason = new Option<string?>("--reason") { Description = "Why, recorded with the baseline." };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "Exit 1 when a regression is found since the baselines (a CI gate over the history)." };
        var alpha = new Option<string>("--alpha") { Description = "The p-value a change must beat.", DefaultValueFactory = _ => "1e-5" };
        var minEffect = new Option<string>("--min-effect") { Description = "The smallest change reported.", DefaultValueFactory = _ => "5%" };
        runs.AddTo(command, baselinesPath, acknowledge, setBaseline, branch, metric, reason, failOnRegression, alpha, minEffect);
        command.SetAction(parse => CommandRunner.Run(parse, p =>
        {
            var options = new DetectorOptions
            {
                Alpha = ComparisonArguments.Share(p.GetValue(alpha)!, "--alpha"),
                MinEffect = ComparisonArguments.Share(p.GetValue(minEffect)!, "--min-effect"),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }

            string path = p.GetValue(baselinesPath)!;
            Baselines baselines = BaselinesFile.Read(path);
            string? onlyBranch = p.GetValue(branch);
            var branches = RunSets.ToBranchHistories(runs.Measured(p))
                .Where(b => onlyBranch is null || b.Branch == onlyBranch)
                .ToList();
            if (onlyBranch is not null && branches.Count == 0)
            {
                throw new UsageException($"--branch '{onlyBranch}': no run of these runs records that branch");
            }

            string? ack = p.GetValue(acknowledge);
            string? set = p.GetValue(setBaseline);
            if (ack is not null && set is not null)
            {
                throw new UsageException("--acknowledge and --set-baseline: give one of them");
            }

            if (ack is not null || set is not null)
            {
                if (branches.Count > 1)
                {
                    throw new UsageException($"the runs are of {branches.Count} branches ({string.Join(", ", branches.Select(b => b.Branch ?? "(none)"))}); say which baseline moves with --branch");
                }

                BranchHistories target = branches.SingleOrDefault() ?? throw new UsageException("no runs: there is no change to acknowledge and no commit to count from");
                Baselines updated = Move(target, baselines, options, p.GetValue(metric), ack, set, p.GetValue(reason));
                BaselinesFile.Write(path, updated);
                Console.Out.WriteLine($"vypr: baselines written to {path}");
                return ExitCodes.Success;
            }

            IReadOnlyList<MetricHistory> analysed = HistoryAnalysis.Analyze(branches, baselines, options);
            runs.Output.Write(p, analysed, MarkdownReport.Changes, HtmlReport.Changes);
            bool regressed = analysed.Any(h => h.Changes.Any(c => c.Direction == ChangeDirection.Regression));
            return p.GetValue(failOnRegression) && regressed ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }

    private static Baselines Move(
        BranchHistories target,
        Baselines baselines,
        DetectorOptions options,
        string? metric,
        string? acknowledge,
        string? setBaseline,
        string? reason)
    {
        var histories = target.Metrics;
        if (metric is not null && !histories.ContainsKey(metric))
        {
            throw new UsageException($"--metric '{metric}' is not a metric of these runs");
        }

        if (setBaseline is not null)
        {
            string key = metric ?? Baselines.AllMetrics;
            if (!histories.Where(h => metric is null || h.Key == metric).Any(h => HistoryAnalysis.FirstIndexOf(h.Value, setBaseline) >= 0))
            {
                throw new UsageException($"--set-baseline '{setBaseline}' is not a commit of these runs");
            }

            return baselines.With(target.Branch, key, new Baseline(setBaseline, reason, DateTimeOffset.UtcNow));
        }

        var analysed = HistoryAnalysis.Analyze(histories, baselines, options, target.Branch);
        var matches = analysed
            .Where(h => metric is null || h.Metric == metric)
            .SelectMany(h => h.Changes.Where(c => c.Commit == acknowledge || (acknowledge!.Length >= 7 && c.Commit.StartsWith(acknowledge, StringComparison.OrdinalIgnoreCase))).Select(c => (h.Metric, c.Commit)))
            .ToList();
        if (matches.Count == 0)
        {
            throw new UsageException($"--acknowledge '{acknowledge}': no change was found at that commit{(metric is null ? string.Empty : $" for metric '{metric}'")}; run 'vypr changes' to list them");
        }

        foreach ((string name, string commit) in matches)
        {
            baselines = baselines.With(target.Branch, name, new Baseline(commit, reason ?? "acknowledged change", DateTimeOffset.UtcNow));
        }

        return baselines;
    }
}

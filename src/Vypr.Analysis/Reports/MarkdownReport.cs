using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Vypr.Analysis.Bounds;
using Vypr.Analysis.Comparison;
using Vypr.Analysis.Explanations;
using Vypr.Analysis.History;

namespace Vypr.Analysis.Reports;

/// <summary>Markdown summaries short enough for a pull-request comment: one table, the findings first.</summary>
public static class MarkdownReport
{
    /// <summary>The most rows a table shows before it says how many it left out.</summary>
    public const int MaxRows = 50;

    /// <summary>A comparison as a table, slower metrics first.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <returns>Markdown.</returns>
    public static string Comparison(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"### Vypr: {comparison.HeadLabel} vs {comparison.BaseLabel}\n\n");
        b.Append(CultureInfo.InvariantCulture,
            $"**{comparison.Count(ComparisonOutcome.Slower)} slower**, {comparison.Count(ComparisonOutcome.Faster)} faster, {comparison.Count(ComparisonOutcome.Same)} same, {comparison.Count(ComparisonOutcome.Inconclusive)} inconclusive ");
        b.Append(CultureInfo.InvariantCulture,
            $"(threshold {Share(comparison.Options.Threshold)} unless set per metric, {Share(comparison.Options.Confidence)} intervals, false-discovery rate {Share(comparison.Options.FalseDiscoveryRate)} over {comparison.Metrics.Count} metrics).\n\n");
        if (comparison.Machines.Count > 1)
        {
            b.Append(CultureInfo.InvariantCulture, $"> Compared across machines on request: {string.Join(" | ", comparison.Machines)}.\n\n");
        }

        b.Append("| | metric | base | head | ratio (CI) | p (adjusted) | note |\n|---|---|---:|---:|---|---:|---|\n");
        IEnumerable<MetricComparison> rows = comparison.Metrics
            .OrderBy(m => m.Outcome switch { ComparisonOutcome.Slower => 0, ComparisonOutcome.Inconclusive => 1, ComparisonOutcome.Faster => 2, _ => 3 })
            .ThenByDescending(m => m.Estimate?.Ratio ?? 0);
        int shown = 0;
        foreach (MetricComparison m in rows)
        {
            if (shown++ == MaxRows)
            {
                b.Append(CultureInfo.InvariantCulture, $"\n… {comparison.Metrics.Count - MaxRows} more metrics (use --format json for all).\n");
                break;
            }

            string ratio = m.Estimate is null ? "–" : string.Create(CultureInfo.InvariantCulture,
                $"{m.Estimate.Ratio:0.000}x ({Bound(m.Estimate.Lower)}–{Bound(m.Estimate.Upper)})");
            b.Append(CultureInfo.InvariantCulture,
                $"| {Icon(m.Outcome)} {m.Outcome} | {Escape(m.Metric)} | {Value(m.BaseMedian, m.Unit)} | {Value(m.HeadMedian, m.Unit)} | {ratio} | {P(m.PValue)} ({P(m.AdjustedPValue)}) | {Escape(m.Note ?? string.Empty)} |\n");
        }

        return b.ToString();
    }

    /// <summary>Each metric's changes since its baseline.</summary>
    /// <param name="histories">The analysed histories.</param>
    /// <returns>Markdown.</returns>
    public static string Changes(IReadOnlyList<MetricHistory> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var changes = histories.SelectMany(h => h.Changes.Select(c => (h, c))).ToList();
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture,
            $"### Vypr: changes in {histories.Count} metric histories\n\n**{changes.Count(x => x.c.Direction == ChangeDirection.Regression)} regressions**, {changes.Count(x => x.c.Direction == ChangeDirection.Improvement)} improvements since the baselines.\n\n");
        // The branch column only when runs record branches: each branch is its own history.
        bool branches = histories.Any(h => h.Branch is not null);
        if (changes.Count > 0)
        {
            b.Append(branches
                ? "| | branch | metric | first commit | size (99% CI) | confidence | reported after |\n|---|---|---|---|---|---:|---:|\n"
                : "| | metric | first commit | size (99% CI) | confidence | reported after |\n|---|---|---|---|---:|---:|\n");
            foreach ((MetricHistory h, ChangePoint c) in changes.OrderBy(x => x.c.Direction).ThenByDescending(x => Math.Abs(Math.Log(x.c.Ratio))).Take(MaxRows))
            {
                b.Append(CultureInfo.InvariantCulture,
                    $"| {(c.Direction == ChangeDirection.Regression ? "🔴" : "🟢")} {c.Direction} | {(branches ? Escape(h.Branch ?? "(none)") + " | " : string.Empty)}{Escape(h.Metric)} | `{c.Commit}` | {Percent(c.Ratio)} ({Percent(c.Lower)} to {Percent(c.Upper)}) | {1 - c.PValue:0.######} | {c.DetectedAt - c.Index + 1} runs |\n");
            }
        }

        foreach (MetricHistory h in histories.Where(h => h.Note is not null))
        {
            b.Append(CultureInfo.InvariantCulture, $"\n> {Escape(h.Metric)}{(h.Branch is null ? string.Empty : " on " + Escape(h.Branch))}: {h.Note}\n");
        }

        return b.ToString();
    }

    /// <summary>Violation explanations, the top candidates of each specification.</summary>
    /// <param name="explanations">The explanations.</param>
    /// <param name="perSpecification">How many candidates to show for each.</param>
    /// <returns>Markdown.</returns>
    public static string Explanations(IReadOnlyList<Explanation> explanations, int perSpecification = 3)
    {
        ArgumentNullException.ThrowIfNull(explanations);
        var b = new StringBuilder();
        foreach (Explanation e in explanations)
        {
            b.Append(CultureInfo.InvariantCulture, $"#### {MarkdownText.CodeSpan(e.Method)} {Escape(e.Specification)}: {e.Violations} of {e.Calls} calls violate\n\n");
            foreach (Candidate c in e.Candidates.Take(perSpecification))
            {
                b.Append(CultureInfo.InvariantCulture, $"- {Escape(c.ToString())}{(c.Location is null ? string.Empty : $" ({Escape(c.Location)})")}\n");
            }

            b.Append('\n');
        }

        return b.ToString();
    }

    /// <summary>Proposed bounds as a code block ready to paste.</summary>
    /// <param name="suggestions">The proposals.</param>
    /// <returns>Markdown.</returns>
    public static string Suggestions(IReadOnlyList<BoundSuggestion> suggestions)
    {
        ArgumentNullException.ThrowIfNull(suggestions);
        var b = new StringBuilder("```csharp\n");
        foreach (BoundSuggestion s in suggestions)
        {
            b.Append(s.Code).Append('\n');
        }

        return b.Append("```\n").ToString();
    }

    private static string Icon(ComparisonOutcome o) => o switch
    {
        ComparisonOutcome.Slower => "🔴",
        ComparisonOutcome.Faster => "🟢",
        ComparisonOutcome.Inconclusive => "❔",
        _ => "⚪",
    };

    private static string Percent(double ratio) => double.IsFinite(ratio)
        ? (ratio - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture)
        : "∞";

    private static string Bound(double v) => double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) : (v > 0 ? "∞" : "0");

    private static string P(double p) => double.IsNaN(p) ? "–" : p < 1e-15 ? "<1e-15" : p.ToString(p < 0.001 ? "0.0e0" : "0.000", CultureInfo.InvariantCulture);

    private static string Share(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Value(double v, string unit)
    {
        if (double.IsNaN(v))
        {
            return "–";
        }

        return unit == "ns" ? Bounds.DurationText.Format((long)Math.Round(v)) : v.ToString("G4", CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>Keeps a text from breaking the table or turning into markup.</summary>
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Vypr.Analysis.Comparison;
using Vypr.Analysis.Explanations;
using Vypr.Analysis.History;

namespace Vypr.Analysis.Reports;

/// <summary>
/// Self-contained HTML reports: one file with its style and its charts (inline SVG) inside, no script and no network,
/// so it opens from a CI artifact as it is.
/// </summary>
public static class HtmlReport
{
    /// <summary>The most metrics drawn; a report over thousands of metrics stays small.</summary>
    public const int MaxCharts = 40;

    private const string Style = "body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}" +
        ".Slower,.Regression{color:#c62828;font-weight:bold}.Faster,.Improvement{color:#2e7d32}.Inconclusive{color:#8a6d00}figure{margin:1em 0}figcaption{font-size:90%}";

    /// <summary>A comparison: the table, then each changed or inconclusive metric's two distributions side by side.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="baseline">The base side's runs (for the charts).</param>
    /// <param name="head">The head side's runs.</param>
    /// <returns>An HTML document.</returns>
    public static string Comparison(RunComparison comparison, RunSet baseline, RunSet head)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(head);
        var b = Open($"Vypr: {comparison.HeadLabel} vs {comparison.BaseLabel}");
        b.Append(Inv($"<p>{comparison.Count(ComparisonOutcome.Slower)} slower, {comparison.Count(ComparisonOutcome.Faster)} faster, {comparison.Count(ComparisonOutcome.Same)} same, {comparison.Count(ComparisonOutcome.Inconclusive)} inconclusive; machines: {E(string.Join(" | ", comparison.Machines))}</p>"));
        b.Append("<table><tr><th>answer</th><th>metric</th><th>ratio</th><th>interval</th><th>p (adjusted)</th><th>note</th></tr>");
        foreach (MetricComparison m in comparison.Metrics)
        {
            b.Append(Inv($"<tr><td class=\"{m.Outcome}\">{m.Outcome}</td><td>{E(m.Metric)}</td><td>{Ratio(m.Estimate?.Ratio)}</td><td>{Ratio(m.Estimate?.Lower)} – {Ratio(m.Estimate?.Upper)}</td><td>{m.AdjustedPValue:G3}</td><td>{E(m.Note ?? string.Empty)}</td></tr>"));
        }

        b.Append("</table>");
        foreach (MetricComparison m in comparison.Metrics.Where(m => m.Outcome != ComparisonOutcome.Same).Take(MaxCharts))
        {
            if (baseline.Metrics.TryGetValue(m.Metric, out MetricRuns? x) && head.Metrics.TryGetValue(m.Metric, out MetricRuns? y))
            {
                b.Append(Inv($"<figure>{SvgChart.Distributions(x.Runs.SelectMany(r => r).ToList(), y.Runs.SelectMany(r => r).ToList(), m.Unit)}<figcaption>{E(m.Metric)}: {m.Outcome}, {Ratio(m.Estimate?.Ratio)}</figcaption></figure>"));
            }
        }

        return Close(b);
    }

    /// <summary>Histories: the changes table, then each metric's history with its change points marked.</summary>
    /// <param name="histories">The analysed histories.</param>
    /// <returns>An HTML document.</returns>
    public static string Changes(IReadOnlyList<MetricHistory> histories)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var b = Open("Vypr: changes");
        b.Append("<table><tr><th>change</th><th>branch</th><th>metric</th><th>first commit</th><th>size</th><th>99% interval</th><th>confidence</th></tr>");
        foreach (MetricHistory h in histories)
        {
            foreach (ChangePoint c in h.Changes)
            {
                b.Append(Inv($"<tr><td class=\"{c.Direction}\">{c.Direction}</td><td>{E(h.Branch ?? string.Empty)}</td><td>{E(h.Metric)}</td><td><code>{E(c.Commit)}</code></td><td>{(c.Ratio - 1) * 100:+0.0;-0.0}%</td><td>{Ratio(c.Lower)} – {Ratio(c.Upper)}</td><td>{1 - c.PValue:0.######}</td></tr>"));
            }
        }

        b.Append("</table>");
        foreach (MetricHistory h in histories.Take(MaxCharts))
        {
            b.Append(Inv($"<figure>{SvgChart.History(h, string.Empty)}<figcaption>{E(h.Metric)}{(h.Branch is null ? string.Empty : $" on {E(h.Branch)}")}{(h.BaselineCommit is null ? string.Empty : $", baseline {E(h.BaselineCommit)}")}</figcaption></figure>"));
        }

        return Close(b);
    }

    /// <summary>Violation explanations: each specification's ranked candidates with their rates drawn as bars.</summary>
    /// <param name="explanations">The explanations.</param>
    /// <returns>An HTML document.</returns>
    public static string Explanations(IReadOnlyList<Explanation> explanations) => Explanations(explanations, []);

    /// <summary>
    /// Violation explanations, then each specification's verdict severity over the runs (the median headroom per run
    /// and its worst call against the bound).
    /// </summary>
    /// <param name="explanations">The explanations.</param>
    /// <param name="severities">The specifications' severity histories (<see cref="SeverityHistories.From"/>).</param>
    /// <returns>An HTML document.</returns>
    public static string Explanations(IReadOnlyList<Explanation> explanations, IReadOnlyList<SeverityHistory> severities)
    {
        ArgumentNullException.ThrowIfNull(explanations);
        ArgumentNullException.ThrowIfNull(severities);
        var b = Open("Vypr: why specifications were violated");
        foreach (Explanation e in explanations)
        {
            b.Append(Inv($"<h2><code>{E(e.Method)}</code> {E(e.Specification)}</h2><p>{e.Violations} of {e.Calls} calls violate.</p>"));
            b.Append("<table><tr><th>calls</th><th>violate</th><th>others</th><th>effect</th><th>p</th><th>where</th></tr>");
            foreach (Candidate c in e.Candidates.Take(10))
            {
                b.Append(Inv($"<tr><td>{E(c.Group)}</td><td>{Bar(c.GroupRate)} {c.GroupViolations}/{c.GroupCalls}</td><td>{Bar(c.OtherRate)} {c.OtherViolations}/{c.OtherCalls}</td><td>{c.Effect * 100:+0;-0} pts</td><td>{c.PValue:G2}</td><td>{E(c.Location ?? string.Empty)}</td></tr>"));
            }

            b.Append("</table>");
        }

        if (severities.Count > 0)
        {
            b.Append("<h2>Verdict severity over time</h2><p>Per run: the median severity of its calls (line; above the bound is headroom, below it the excess) and its worst call (dot, red when the run violated).</p>");
            foreach (SeverityHistory h in severities.Take(MaxCharts))
            {
                int nonFinite = h.Points.Sum(p => p.NonFinite);
                string note = nonFinite == 0 ? string.Empty : Inv($"; {nonFinite} non-finite severities left out");
                b.Append(Inv($"<figure class=\"severity\">{SvgChart.Severity(h)}<figcaption><code>{E(h.Method)}</code> {E(h.Specification)}: {h.Points.Count} runs, {h.Points.Sum(p => p.Violations)} of {h.Points.Sum(p => p.Calls)} calls violate{note}</figcaption></figure>"));
            }
        }

        return Close(b);
    }

    private static string Bar(double rate) =>
        Inv($"<svg width=\"80\" height=\"10\"><rect width=\"80\" height=\"10\" fill=\"#eee\"/><rect width=\"{80 * rate:0.#}\" height=\"10\" fill=\"#c62828\"/></svg>");

    private static string Ratio(double? r) => r is { } v && double.IsFinite(v) ? v.ToString("0.000", CultureInfo.InvariantCulture) + "x" : "–";

    private static StringBuilder Open(string title) =>
        new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body><h1>").Append(E(title)).Append("</h1>");

    private static string Close(StringBuilder b) => b.Append("</body></html>\n").ToString();

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

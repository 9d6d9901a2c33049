using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Vypr.Analysis.Statistics;
using Vypr.Contracts;

namespace Vypr.Analysis.Explanations;

/// <summary>
/// Explains violations the way VyPR's analysis did, by contrast: for each violated specification, which call sites,
/// tests and captured values set the violating calls apart from the satisfying ones.
/// </summary>
/// <remarks>
/// Call sites and tests are counted exactly from the run's summaries (every call, kept or not). Captured values
/// exist only on kept verdicts: every violation, but satisfied verdicts only up to the retention limit, so their rates
/// are rates among kept verdicts. A numeric value's threshold is the best of all splits, which makes its p-value
/// optimistic; read it as a ranking, not a test.
/// </remarks>
public static class ViolationExplainer
{
    /// <summary>The p-value below which a candidate counts as significant in the ranking.</summary>
    public const double Significance = 0.01;

    /// <summary>Explains every violated specification of the runs.</summary>
    /// <param name="runs">One or more results documents (of one build: specification keys tie them together).</param>
    /// <returns>One explanation per violated specification, most violations first.</returns>
    public static IReadOnlyList<Explanation> Explain(IReadOnlyList<RunDocument> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var calls = new List<CallRecord>();
        var specifications = new Dictionary<string, SpecificationInfo>(StringComparer.Ordinal);
        foreach (RunDocument run in runs)
        {
            Collect(run, calls, specifications);
        }

        var explanations = new List<Explanation>();
        foreach (IGrouping<string, CallRecord> spec in calls.GroupBy(c => c.SpecificationKey))
        {
            long total = spec.Where(c => c.Counted).Sum(c => c.Calls);
            long violations = spec.Where(c => c.Counted).Sum(c => c.Violations);
            if (violations == 0)
            {
                continue;
            }

            var candidates = new List<Candidate>();
            candidates.AddRange(Groups(spec.Where(c => c.Counted), c => c.Site, total, violations, ExplanationKind.CallSite));
            candidates.AddRange(Groups(spec.Where(c => c.Counted), c => c.Test, total, violations, ExplanationKind.Test));
            candidates.AddRange(Values(spec.Where(c => !c.Counted).ToList()));
            SpecificationInfo info = specifications[spec.Key];
            explanations.Add(new Explanation(info.Method, info.Text, total, violations, Rank(candidates)));
        }

        return explanations.OrderByDescending(e => e.Violations).ToList();
    }

    /// <summary>Significant candidates first, then by effect size, then by p-value.</summary>
    private static List<Candidate> Rank(List<Candidate> candidates) => candidates
        .Where(c => c.Effect > 0)
        .OrderByDescending(c => c.PValue < Significance)
        .ThenByDescending(c => c.Effect)
        .ThenBy(c => c.PValue)
        .ToList();

    private static IEnumerable<Candidate> Groups(IEnumerable<CallRecord> records, Func<CallRecord, Label> key, long total, long violations, ExplanationKind kind)
    {
        var groups = records.GroupBy(key).ToList();
        if (groups.Count < 2)
        {
            yield break;
        }

        foreach (IGrouping<Label, CallRecord> g in groups)
        {
            long gc = g.Sum(r => r.Calls);
            long gv = g.Sum(r => r.Violations);
            yield return Contrast(kind, g.Key.Text, g.Key.Location, gv, gc, violations - gv, total - gc);
        }
    }

    /// <summary>Captured values of kept verdicts: texts by equality, numbers by the best threshold.</summary>
    private static IEnumerable<Candidate> Values(List<CallRecord> kept)
    {
        var byTerm = new Dictionary<string, List<(double Number, string? Text, bool Violated)>>(StringComparer.Ordinal);
        foreach (CallRecord r in kept)
        {
            foreach ((string term, double number, string? text) in r.Captured)
            {
                if (!byTerm.TryGetValue(term, out var list))
                {
                    byTerm[term] = list = [];
                }

                list.Add((number, text, r.Violations > 0));
            }
        }

        foreach ((string term, var values) in byTerm)
        {
            long allViolations = values.Count(v => v.Violated);
            if (values.All(v => v.Text is not null))
            {
                foreach (var g in values.GroupBy(v => v.Text!))
                {
                    long gv = g.Count(v => v.Violated);
                    yield return Contrast(ExplanationKind.CapturedValue, $"calls with {term} = \"{g.Key}\"", null, gv, g.Count(), allViolations - gv, values.Count - g.Count());
                }

                continue;
            }

            Candidate? best = null;
            foreach (double threshold in values.Where(v => double.IsFinite(v.Number)).Select(v => v.Number).Distinct().Order())
            {
                var above = values.Where(v => v.Number > threshold).ToList();
                if (above.Count == 0 || above.Count == values.Count)
                {
                    continue;
                }

                long av = above.Count(v => v.Violated);
                Candidate c = Contrast(ExplanationKind.CapturedValue,
                    string.Create(CultureInfo.InvariantCulture, $"calls with {term} > {threshold:G6}"), null,
                    av, above.Count, allViolations - av, values.Count - above.Count);
                if (best is null || Math.Abs(c.Effect) > Math.Abs(best.Effect))
                {
                    best = c;
                }
            }

            if (best is not null)
            {
                yield return best.Effect >= 0 ? best : Flip(best, term);
            }
        }
    }

    /// <summary>A split whose upper side violates less is stated from its lower side.</summary>
    private static Candidate Flip(Candidate c, string term)
    {
        string threshold = c.Group[(c.Group.LastIndexOf('>') + 2)..];
        return Contrast(ExplanationKind.CapturedValue, $"calls with {term} <= {threshold}", null,
            c.OtherViolations, c.OtherCalls, c.GroupViolations, c.GroupCalls);
    }

    private static Candidate Contrast(ExplanationKind kind, string group, string? location, long gv, long gc, long ov, long oc) =>
        new(kind, group, location, gv, gc, ov, oc, TwoProportionP(gv, gc, ov, oc));

    /// <summary>The two-sided pooled two-proportion z-test.</summary>
    private static double TwoProportionP(long gv, long gc, long ov, long oc)
    {
        if (gc == 0 || oc == 0)
        {
            return 1;
        }

        double pooled = (double)(gv + ov) / (gc + oc);
        double se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / gc) + (1.0 / oc)));
        if (!(se > 0))
        {
            return 1;
        }

        double z = Math.Abs(((double)gv / gc) - ((double)ov / oc)) / se;
        return Math.Min(1, 2 * Normal.UpperTail(z));
    }

    private static void Collect(RunDocument run, List<CallRecord> calls, Dictionary<string, SpecificationInfo> specifications)
    {
        var specs = run.Specifications.ToDictionary(s => s.Id);
        var sites = run.CallSites.ToDictionary(s => s.Id);
        var tests = run.Tests.ToDictionary(t => t.Id);
        foreach (SpecificationInfo s in run.Specifications)
        {
            specifications.TryAdd(s.Key, s);
        }

        Label SiteLabel(int id) => sites.TryGetValue(id, out CallSiteInfo? s)
            ? new Label(string.Create(CultureInfo.InvariantCulture, $"calls from {Path.GetFileName(s.File)}:{s.Line}"), s.Location)
            : new Label($"calls from call site {id}", null);
        Label TestLabel(int id) => new(tests.TryGetValue(id, out TestInfo? t) ? $"calls in test {t.Name}" : "calls outside any test", null);

        if (run.Summaries.Count > 0)
        {
            foreach (CallSiteSummary s in run.Summaries)
            {
                if (sites.TryGetValue(s.CallSiteId, out CallSiteInfo? site) && specs.TryGetValue(site.SpecificationId, out SpecificationInfo? spec))
                {
                    calls.Add(new CallRecord(spec.Key, SiteLabel(s.CallSiteId), TestLabel(s.TestId), s.Calls, s.Violations, true, []));
                }
            }
        }

        foreach (VerdictInfo v in run.Verdicts)
        {
            if (!specs.TryGetValue(v.SpecificationId, out SpecificationInfo? spec))
            {
                continue;
            }

            var captured = new List<(string, double, string?)>();
            foreach (ObservationInfo o in v.Observations)
            {
                if (o.Unit == "ns")
                {
                    continue;
                }

                captured.Add(o.Unit == "text" ? (o.Term, 0, ObservedText(o.Condition)) : (o.Term, o.Value, null));
            }

            // Without summaries, the kept verdicts are the only count of calls.
            if (run.Summaries.Count == 0)
            {
                calls.Add(new CallRecord(spec.Key, SiteLabel(v.CallSiteId), TestLabel(v.TestId), 1, v.Value ? 0 : 1, true, []));
            }

            calls.Add(new CallRecord(spec.Key, SiteLabel(v.CallSiteId), TestLabel(v.TestId), 1, v.Value ? 0 : 1, false, captured));
        }
    }

    /// <summary>The text inside <c>(observed "...")</c> of a condition, or the whole condition.</summary>
    private static string ObservedText(string condition)
    {
        const string marker = "(observed \"";
        int start = condition.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return condition;
        }

        start += marker.Length;
        int end = condition.LastIndexOf("\")", StringComparison.Ordinal);
        return end > start ? condition[start..end] : condition[start..];
    }

    private sealed record Label(string Text, string? Location);

    /// <summary>Calls of one specification: counted ones (exact counts per site and test) or one kept verdict with its captured values.</summary>
    private sealed record CallRecord(string SpecificationKey, Label Site, Label Test, long Calls, long Violations, bool Counted, IReadOnlyList<(string Term, double Number, string? Text)> Captured);
}

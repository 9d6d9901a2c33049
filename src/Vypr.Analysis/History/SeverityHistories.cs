using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Analysis.Inputs;
using Vypr.Contracts;

namespace Vypr.Analysis.History;

/// <summary>Builds each specification's verdict severity over the runs (the HTML report's "severity over time").</summary>
public static class SeverityHistories
{
    /// <summary>One history per specification (identified across runs by its key), runs ordered by start time.</summary>
    /// <param name="runs">The runs.</param>
    /// <returns>The histories, by method and specification.</returns>
    public static IReadOnlyList<SeverityHistory> From(IEnumerable<RunDocument> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var histories = new Dictionary<string, (SpecificationInfo Spec, string Unit, List<SeverityPoint> Points)>(StringComparer.Ordinal);
        foreach (RunDocument run in runs.OrderBy(r => r.Run.StartedAt))
        {
            var specifications = run.Specifications.ToDictionary(s => s.Id);
            var siteSpecification = run.CallSites.ToDictionary(s => s.Id, s => s.SpecificationId);
            var summaries = run.Summaries.ToDictionary(s => (s.TestId, s.CallSiteId));
            var kept = run.Verdicts.GroupBy(v => v.SpecificationId).ToDictionary(g => g.Key, g => g.ToList());
            foreach (SpecificationInfo spec in specifications.Values)
            {
                List<VerdictInfo> verdicts = kept.GetValueOrDefault(spec.Id) ?? [];
                var counted = run.Summaries.Where(s => siteSpecification.GetValueOrDefault(s.CallSiteId) == spec.Id).ToList();
                long calls = counted.Count > 0 ? counted.Sum(s => s.Calls) : verdicts.Count;
                long violations = counted.Count > 0 ? counted.Sum(s => s.Violations) : verdicts.Count(v => !v.Value);
                if (calls == 0)
                {
                    continue;
                }

                // In the proportions of all calls, as comparisons read them: a retention limit must not move the median.
                double[] representative = verdicts
                    .GroupBy(v => (v.TestId, v.CallSiteId))
                    .SelectMany(g => RunReader.Representative(g.ToList(), summaries.GetValueOrDefault(g.Key)))
                    .Select(v => v.Severity)
                    .Where(double.IsFinite)
                    .Order()
                    .ToArray();
                double[] all = verdicts.Select(v => v.Severity).Where(double.IsFinite).ToArray();
                var point = new SeverityPoint(
                    run.Run.Commit ?? run.Run.RunId.ToString("D"),
                    run.Run.StartedAt,
                    calls,
                    violations,
                    representative.Length == 0 ? double.NaN : Statistics.HodgesLehmann.Median(representative),
                    all.Length == 0 ? double.NaN : all.Min(),
                    verdicts.Count(v => !double.IsFinite(v.Severity)));
                string unit = verdicts.Select(v => v.Observations.FirstOrDefault()?.Unit).FirstOrDefault(u => u is not null) ?? "ns";
                if (!histories.TryGetValue(spec.Key, out var entry))
                {
                    histories[spec.Key] = entry = (spec, unit, []);
                }

                entry.Points.Add(point);
            }
        }

        return histories.Values
            .OrderBy(h => h.Spec.Method, StringComparer.Ordinal)
            .ThenBy(h => h.Spec.Text, StringComparer.Ordinal)
            .Select(h => new SeverityHistory(h.Spec.Method, h.Spec.Text, h.Unit, h.Points))
            .ToList();
    }
}

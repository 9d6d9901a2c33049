using System;
using System.Collections.Generic;
using System.Linq;
using Perfolizer.Mathematics.QuantileEstimators;
using Pragmastat;
using Vypr.Contracts;

namespace Vypr.Analysis.Bounds;

/// <summary>
/// Proposes <c>[MaxDuration]</c> bounds from the observed durations of good runs: a high quantile (Harrell-Davis,
/// which uses every order statistic and so is stable in the tail) plus a stated margin, rounded up, and never under
/// the longest call of those runs: the bound is checked on every call, so a bound under one of their calls would
/// fail the very runs it was learned from. Nor is it ever under a floor (5 ms unless told): p99 + 20% of calls of a
/// few microseconds is a bound that fails at the first preemption of a shared CI machine, whose scheduler takes
/// milliseconds from a thread whenever it likes.
/// </summary>
public static class BoundSuggester
{
    /// <summary>The floor a suggested bound never goes under unless told otherwise: 5 ms, a few scheduling quanta.</summary>
    public const long DefaultFloorNanoseconds = 5_000_000;

    /// <summary>Proposes a bound for every <c>[MaxDuration]</c> specification the runs called.</summary>
    /// <param name="goodRuns">Runs known to be good (a release, a quiet week).</param>
    /// <param name="quantile">The quantile, strictly between 0 and 1 (0.99).</param>
    /// <param name="margin">The margin on top of it, at least 0 (0.2 = 20%).</param>
    /// <param name="floorNanoseconds">The least bound proposed, at least 0 (<see cref="DefaultFloorNanoseconds"/>).</param>
    /// <returns>One proposal per specification, by method.</returns>
    public static IReadOnlyList<BoundSuggestion> Suggest(
        IReadOnlyList<RunDocument> goodRuns,
        double quantile = 0.99,
        double margin = 0.2,
        long floorNanoseconds = DefaultFloorNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(goodRuns);
        if (!(quantile > 0 && quantile < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "The quantile must be strictly between 0 and 1.");
        }

        if (!(margin >= 0) || double.IsInfinity(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be a finite share of at least 0.");
        }

        if (floorNanoseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(floorNanoseconds), floorNanoseconds, "The floor must be a duration of at least 0.");
        }

        var durations = new Dictionary<string, (SpecificationInfo Spec, List<double> Values, long Max, HashSet<Guid> Runs)>(StringComparer.Ordinal);
        var violating = new Dictionary<string, HashSet<Guid>>(StringComparer.Ordinal);
        foreach (RunDocument run in goodRuns)
        {
            var specs = run.Specifications.Where(s => s.BoundNanoseconds > 0).ToDictionary(s => s.Id);
            var siteSpec = run.CallSites.ToDictionary(c => c.Id, c => c.SpecificationId);
            foreach (VerdictInfo v in run.Verdicts)
            {
                if (specs.TryGetValue(v.SpecificationId, out SpecificationInfo? spec))
                {
                    var entry = Entry(durations, spec);
                    entry.Values.Add(v.DurationNanoseconds);
                    entry.Runs.Add(run.Run.RunId);
                    durations[spec.Key] = entry with { Max = Math.Max(entry.Max, v.DurationNanoseconds) };
                    if (!v.Value)
                    {
                        violating.TryAdd(spec.Key, []);
                        violating[spec.Key].Add(run.Run.RunId);
                    }
                }
            }

            foreach (CallSiteSummary s in run.Summaries)
            {
                if (siteSpec.TryGetValue(s.CallSiteId, out int specId) && specs.TryGetValue(specId, out SpecificationInfo? spec))
                {
                    var entry = Entry(durations, spec);
                    durations[spec.Key] = entry with { Max = Math.Max(entry.Max, s.MaxNanoseconds) };
                }
            }
        }

        var suggestions = new List<BoundSuggestion>();
        foreach ((SpecificationInfo spec, List<double> values, long max, HashSet<Guid> runs) in durations.Values)
        {
            double[] positive = values.Where(v => v > 0).ToArray();
            if (positive.Length == 0)
            {
                continue;
            }

            double q = HarrellDavisQuantileEstimator.Instance.Quantile(new Sample(positive), quantile).NominalValue;
            long bound = Math.Max(Math.Max(DurationText.RoundUp(q * (1 + margin)), DurationText.RoundUp(max)), floorNanoseconds);
            suggestions.Add(new BoundSuggestion(spec.Method, spec.Text, spec.BoundNanoseconds, positive.Length, runs.Count,
                violating.GetValueOrDefault(spec.Key)?.Count ?? 0, q, quantile, max, margin, bound) { FloorNanoseconds = floorNanoseconds });
        }

        return suggestions.OrderBy(s => s.Method, StringComparer.Ordinal).ToList();
    }

    private static (SpecificationInfo Spec, List<double> Values, long Max, HashSet<Guid> Runs) Entry(
        Dictionary<string, (SpecificationInfo Spec, List<double> Values, long Max, HashSet<Guid> Runs)> durations, SpecificationInfo spec)
    {
        if (!durations.TryGetValue(spec.Key, out var entry))
        {
            entry = (spec, [], 0, []);
            durations[spec.Key] = entry;
        }

        return entry;
    }
}

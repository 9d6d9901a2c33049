using System;
using System.Collections.Generic;
using System.Linq;

namespace Vypr.Analysis.Simulation;

/// <summary>
/// Scores a rule on labelled histories: a regression is hit when an alarm names a commit from the true step to
/// <see cref="MaxLag"/> commits after it; an alarm that names no regression that way is false (an improvement is not
/// a regression, so an alarm on it is false too). Several alarms on one step count once.
/// </summary>
public static class DetectorScorer
{
    /// <summary>How many commits after the true step an alarm may name and still hit.</summary>
    public const int MaxLag = 2;

    /// <summary>Scores <paramref name="rule"/> over <paramref name="histories"/>.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="histories">Histories of one noise level.</param>
    /// <param name="minStep">Count only regressions of at least this share in recall (false alarms count all).</param>
    /// <returns>The score.</returns>
    public static RuleScore Score(IRegressionRule rule, IReadOnlyList<LabelledHistory> histories, double minStep)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(histories);
        int steps = 0;
        int hits = 0;
        int falseAlarms = 0;
        int commits = 0;
        var delays = new List<int>();
        foreach (LabelledHistory history in histories)
        {
            commits += history.Runs.Count;
            IReadOnlyList<Alarm> alarms = rule.Alarms(history.Runs);
            var regressions = history.Steps.Where(s => s.Ratio > 1).ToList();
            foreach (Alarm alarm in alarms)
            {
                if (!regressions.Any(s => alarm.Named >= s.Index && alarm.Named <= s.Index + MaxLag))
                {
                    falseAlarms++;
                }
            }

            foreach (LabelledStep step in regressions.Where(s => s.Ratio - 1 >= minStep - 1e-9))
            {
                steps++;
                Alarm[] matching = alarms.Where(a => a.Named >= step.Index && a.Named <= step.Index + MaxLag).ToArray();
                if (matching.Length > 0)
                {
                    hits++;
                    delays.Add(matching.Min(a => a.RaisedAt) - step.Index);
                }
            }
        }

        double noise = histories.Count == 0 ? double.NaN : histories[0].Noise;
        return new RuleScore(rule.Name, noise, minStep, steps, hits, falseAlarms, commits,
            delays.Count == 0 ? double.NaN : delays.Average(), delays.Count == 0 ? 0 : delays.Max());
    }
}

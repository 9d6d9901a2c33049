using System;
using System.Collections.Generic;
using System.Linq;

namespace Vypr.Analysis.Simulation;

/// <summary>
/// A neighbour's rule: alarm when a run's mean exceeds the previous run's mean by a factor (github-action-benchmark's
/// 200%, the ML framework's 1.2x, pytest-benchmark's mean +5%).
/// </summary>
/// <param name="Name">The rule's name in the table.</param>
/// <param name="Factor">The factor (1.2 = alarm above 120% of the previous run).</param>
public sealed record PreviousRunRule(string Name, double Factor) : IRegressionRule
{
    /// <inheritdoc/>
    public IReadOnlyList<Alarm> Alarms(IReadOnlyList<double[]> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var alarms = new List<Alarm>();
        for (int t = 1; t < runs.Count; t++)
        {
            if (runs[t].Average() > Factor * runs[t - 1].Average())
            {
                alarms.Add(new Alarm(t, t));
            }
        }

        return alarms;
    }
}

using System.Collections.Generic;

namespace Vypr.Analysis.Simulation;

/// <summary>A way of raising "slower" alarms over a history, scored by <see cref="DetectorScorer"/>.</summary>
public interface IRegressionRule
{
    /// <summary>The rule's name in the accuracy table.</summary>
    string Name { get; }

    /// <summary>The alarms the rule raises over a history, commit by commit.</summary>
    /// <param name="runs">Each commit's run samples, oldest first.</param>
    /// <returns>Each alarm: the commit it names as the first slower one, and the commit at which it was raised.</returns>
    IReadOnlyList<Alarm> Alarms(IReadOnlyList<double[]> runs);
}

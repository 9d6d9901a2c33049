namespace Vypr.Analysis.History;

/// <summary>A persistent change of a metric's level, found in its history.</summary>
/// <param name="Index">The position in the history of the first run at the new level.</param>
/// <param name="Commit">That run's commit: the first commit of the change.</param>
/// <param name="Direction">Up (regression) or down (improvement).</param>
/// <param name="Ratio">The size: the Hodges-Lehmann ratio of the runs after to the runs before (1.15 = 15% higher).</param>
/// <param name="Lower">The ratio's 99% interval, lower bound.</param>
/// <param name="Upper">The ratio's 99% interval, upper bound.</param>
/// <param name="PValue">The one-sided Mann-Whitney p-value of the windows before and after; the confidence is 1 − p.</param>
/// <param name="DetectedAt">The position of the run at which the change was first reported (its detection delay is DetectedAt − Index).</param>
public sealed record ChangePoint(
    int Index,
    string Commit,
    ChangeDirection Direction,
    double Ratio,
    double Lower,
    double Upper,
    double PValue,
    int DetectedAt);

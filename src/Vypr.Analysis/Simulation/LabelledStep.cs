namespace Vypr.Analysis.Simulation;

/// <summary>A persistent step of a generated history.</summary>
/// <param name="Index">The first commit at the new level.</param>
/// <param name="Ratio">The new level over the old (1.10 = 10% slower, 0.9 = 10% faster).</param>
public sealed record LabelledStep(int Index, double Ratio);

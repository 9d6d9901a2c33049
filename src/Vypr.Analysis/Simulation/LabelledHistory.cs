using System.Collections.Generic;

namespace Vypr.Analysis.Simulation;

/// <summary>A generated history with the truth known: each run's samples and the commits where the level stepped.</summary>
/// <param name="Noise">The run-to-run noise, the log-normal σ of a run's level (0.03 = 3%).</param>
/// <param name="Runs">Each commit's run: its samples.</param>
/// <param name="Steps">The persistent steps, by commit position.</param>
public sealed record LabelledHistory(double Noise, IReadOnlyList<double[]> Runs, IReadOnlyList<LabelledStep> Steps);

/// <summary>A persistent step of a generated history.</summary>
/// <param name="Index">The first commit at the new level.</param>
/// <param name="Ratio">The new level over the old (1.10 = 10% slower, 0.9 = 10% faster).</param>
public sealed record LabelledStep(int Index, double Ratio);

using System.Collections.Generic;

namespace Vypr.Analysis.Simulation;

/// <summary>A generated history with the truth known: each run's samples and the commits where the level stepped.</summary>
/// <param name="Noise">The run-to-run noise, the log-normal σ of a run's level (0.03 = 3%).</param>
/// <param name="Runs">Each commit's run: its samples.</param>
/// <param name="Steps">The persistent steps, by commit position.</param>
public sealed record LabelledHistory(double Noise, IReadOnlyList<double[]> Runs, IReadOnlyList<LabelledStep> Steps);

using System.Collections.Generic;

namespace Vypr.Analysis.Inputs;

/// <summary>One metric of a samples file.</summary>
/// <param name="Name">The metric's name, stable across runs.</param>
/// <param name="Unit">The samples' unit (<c>ns</c> when absent).</param>
/// <param name="Samples">The values: numbers, or the strings "NaN", "Infinity", "-Infinity" (left out of comparisons).</param>
public sealed record SamplesFileMetric(string Name, string? Unit, IReadOnlyList<double> Samples);

using System.Collections.Generic;

namespace Vypr.Analysis.Inputs;

/// <summary>One metric's samples in one run.</summary>
/// <param name="Unit">The unit (<c>ns</c>).</param>
/// <param name="Samples">The values.</param>
public sealed record MetricSamples(string Unit, IReadOnlyList<double> Samples);

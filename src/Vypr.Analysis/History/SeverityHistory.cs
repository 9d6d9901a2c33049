using System.Collections.Generic;

namespace Vypr.Analysis.History;

/// <summary>A specification's verdict severity over runs, oldest first.</summary>
/// <param name="Method">The monitored method.</param>
/// <param name="Specification">The specification's text.</param>
/// <param name="Unit">The severities' unit (<c>ns</c> for durations).</param>
/// <param name="Points">One point per run that checked it.</param>
public sealed record SeverityHistory(string Method, string Specification, string Unit, IReadOnlyList<SeverityPoint> Points);

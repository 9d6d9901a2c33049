using System.Collections.Generic;

namespace Vypr.Analysis.Inputs;

/// <summary>
/// The plain samples format (<c>vypr.samples/1</c>, docs/analysis.md): one run's samples per metric, for data
/// measured by anything, not only Vypr.
/// </summary>
/// <param name="Schema">Must be <c>vypr.samples/1</c>.</param>
/// <param name="Machine">The machine fingerprint; runs of different machines are not compared unless allowed.</param>
/// <param name="Commit">The commit measured.</param>
/// <param name="Branch">The branch.</param>
/// <param name="StartedAt">When the run started (ISO 8601); histories are ordered by it when every run has it.</param>
/// <param name="Metrics">The metrics.</param>
public sealed record SamplesFile(
    string Schema,
    string? Machine,
    string? Commit,
    string? Branch,
    System.DateTimeOffset? StartedAt,
    IReadOnlyList<SamplesFileMetric> Metrics)
{
    /// <summary>The schema this version reads and writes.</summary>
    public const string CurrentSchema = "vypr.samples/1";
}

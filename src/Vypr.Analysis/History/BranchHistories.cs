using System.Collections.Generic;

namespace Vypr.Analysis.History;

/// <summary>The metric histories of one branch.</summary>
/// <param name="Branch">The branch, or null for runs that record none.</param>
/// <param name="Metrics">Each metric's history on the branch, one value per run, in commit order.</param>
public sealed record BranchHistories(string? Branch, IReadOnlyDictionary<string, IReadOnlyList<HistoryPoint>> Metrics);

using System;

namespace Vypr.Analysis.History;

/// <summary>How close one run's calls came to a specification's bound.</summary>
/// <param name="Run">The run's commit, or its ID when it has none.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="Calls">Calls checked in the run (exact, from its summaries).</param>
/// <param name="Violations">Calls that violated (exact).</param>
/// <param name="Median">
/// The median severity of the run's calls, in the deciding observation's unit (ns for durations): positive is
/// headroom under the bound, negative is by how much it was exceeded. Computed over the kept verdicts in the
/// proportions of all calls (violations thinned as satisfied verdicts were); NaN when no verdict has a finite one.
/// </param>
/// <param name="Worst">The lowest severity of the run (exact when the run violated: every violation is kept); NaN when none is finite.</param>
/// <param name="NonFinite">Kept verdicts whose severity is not finite, left out of both.</param>
public sealed record SeverityPoint(string Run, DateTimeOffset StartedAt, long Calls, long Violations, double Median, double Worst, int NonFinite);

using System.Collections.Generic;

namespace Vypr.Contracts;

/// <summary>
/// Everything one monitored run produced: the results file a run writes and the unit a verdict server ingests.
/// The JSON shape is documented in docs/results-format.md and versioned by <see cref="Schema"/>.
/// </summary>
/// <param name="Schema">The format's name and version: <see cref="CurrentSchema"/>.</param>
/// <param name="Run">The run.</param>
/// <param name="Specifications">The specifications that were registered, whether or not a call reached them.</param>
/// <param name="CallSites">The call sites that verdicts refer to.</param>
/// <param name="Tests">The tests that ran.</param>
/// <param name="Verdicts">
/// The verdicts kept individually, in the order they were decided: every violation, and satisfied verdicts up to
/// the retention limit per test and call site (<c>VYPR_KEEP_SATISFIED</c>, 1000 by default).
/// </param>
public sealed record RunDocument(
    string Schema,
    RunInfo Run,
    IReadOnlyList<SpecificationInfo> Specifications,
    IReadOnlyList<CallSiteInfo> CallSites,
    IReadOnlyList<TestInfo> Tests,
    IReadOnlyList<VerdictInfo> Verdicts)
{
    /// <summary>Exact statistics of every call per test and call site, kept or not.</summary>
    public IReadOnlyList<CallSiteSummary> Summaries { get; init; } = [];

    /// <summary>
    /// What a load run measured (<c>vypr load</c>), when the run is one; null (absent) for a test run. A run whose
    /// verdicts arrive in several documents carries its load section in one of them.
    /// </summary>
    public LoadRunInfo? Load { get; init; }

    /// <summary>The schema this version of Vypr writes.</summary>
    public const string CurrentSchema = "vypr.run/1";
}

namespace Vypr.Contracts;

/// <summary>
/// Exact statistics of every monitored call one test made at one call site, including calls whose satisfied
/// verdicts were not kept individually (see <see cref="RunDocument.Summaries"/>).
/// </summary>
/// <param name="TestId">The test (0 for calls outside any test).</param>
/// <param name="CallSiteId">The call site.</param>
/// <param name="Calls">How many calls completed.</param>
/// <param name="Violations">How many of them violated the specification (each has a verdict in the run).</param>
/// <param name="Threw">How many ended by an exception.</param>
/// <param name="MinNanoseconds">The shortest call.</param>
/// <param name="MaxNanoseconds">The longest call.</param>
/// <param name="TotalNanoseconds">The sum of all calls' durations, for the mean.</param>
public sealed record CallSiteSummary(
    int TestId,
    int CallSiteId,
    long Calls,
    long Violations,
    long Threw,
    long MinNanoseconds,
    long MaxNanoseconds,
    long TotalNanoseconds);

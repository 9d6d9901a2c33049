namespace Vypr.Contracts.Reads;

/// <summary>
/// Exact statistics of every call one test made at one call site, including the calls whose satisfied verdicts the
/// runtime did not keep individually.
/// </summary>
/// <param name="TestId">The test's store ID, or null for calls outside any test.</param>
/// <param name="CallSiteId">The call site.</param>
/// <param name="MethodId">The called method.</param>
/// <param name="Calls">How many calls completed.</param>
/// <param name="Violations">How many violated the specification.</param>
/// <param name="Threw">How many ended by an exception.</param>
/// <param name="MinNanoseconds">The shortest call.</param>
/// <param name="MaxNanoseconds">The longest call.</param>
/// <param name="MeanNanoseconds">The mean duration.</param>
public sealed record SummaryItem(long? TestId, long CallSiteId, long MethodId, long Calls, long Violations, long Threw, long MinNanoseconds, long MaxNanoseconds, double MeanNanoseconds)
{
    /// <summary>The specification checked at the call site (a method may have several: a bound and fluent specifications).</summary>
    public long SpecificationId { get; init; }
}

namespace Vypr.Contracts.Reads;

/// <summary>A place in source code where a monitored method is called.</summary>
/// <param name="Id">The call site's ID.</param>
/// <param name="SpecificationId">The specification checked there.</param>
/// <param name="File">The source file.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Column">The 1-based column.</param>
/// <param name="Caller">The member containing the call.</param>
/// <param name="Assembly">The assembly whose compilation wove the probe.</param>
public sealed record CallSiteItem(long Id, long SpecificationId, string File, long Line, long Column, string Caller, string Assembly);

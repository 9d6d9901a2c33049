namespace Vypr.Analysis.Server.Wire;

/// <summary>A call site as the read API gives it.</summary>
internal sealed record WireCallSite(long Id, long SpecificationId, string File, long Line, long Column, string Caller, string Assembly);

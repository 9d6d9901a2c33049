namespace Vypr.Analysis.Server.Wire;

/// <summary>Exact statistics of one test at one call site, as <c>GET /api/v1/runs/{id}/summaries</c> lists them.</summary>
internal sealed record WireSummary(long? TestId, long CallSiteId, long MethodId, long Calls, long Violations, long Threw, long MinNanoseconds, long MaxNanoseconds, double MeanNanoseconds);

namespace Vypr.Analysis.Server.Wire;

/// <summary>A monitored method as <c>GET /api/v1/methods</c> lists it.</summary>
internal sealed record WireMethod(long Id, string Name);

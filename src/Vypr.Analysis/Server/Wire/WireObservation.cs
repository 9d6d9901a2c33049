namespace Vypr.Analysis.Server.Wire;

/// <summary>An observation as <c>GET /api/v1/calls/{id}</c> gives it.</summary>
internal sealed record WireObservation(string Term, double Value, string Unit, string Condition, bool Satisfied, long? CallSiteId, WireCallSite? CallSite);

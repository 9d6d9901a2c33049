namespace Vypr.Analysis.Server.Wire;

/// <summary>A specification as <c>GET /api/v1/specifications</c> lists it.</summary>
internal sealed record WireSpecification(long Id, long MethodId, string Method, string Text, string Hash, long Version, long BoundNanoseconds);

using System;

namespace Vypr.Analysis.Server.Wire;

/// <summary>A test as <c>GET /api/v1/runs/{id}/tests</c> lists it.</summary>
internal sealed record WireTest(long Id, Guid RunId, long Number, string Name, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Outcome, double? WallTimeMilliseconds);

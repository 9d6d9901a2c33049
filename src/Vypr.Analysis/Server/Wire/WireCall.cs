using System;

namespace Vypr.Analysis.Server.Wire;

/// <summary>A call as <c>GET /api/v1/methods/{id}/calls</c> lists it.</summary>
internal sealed record WireCall(
    long Id,
    Guid RunId,
    long Sequence,
    long MethodId,
    long CallSiteId,
    long? TestId,
    long ThreadId,
    DateTimeOffset StartedAt,
    long DurationNanoseconds,
    bool Threw,
    bool Value,
    double Severity);

using System;

namespace Vypr.Analysis.Server.Wire;

/// <summary>A run as <c>GET /api/v1/runs</c> lists it.</summary>
internal sealed record WireRun(
    Guid RunId,
    string Project,
    string Assembly,
    string? Commit,
    string? Branch,
    string? CiJobUrl,
    string Machine,
    string Runtime,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt);

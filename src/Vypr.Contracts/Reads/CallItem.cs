using System;

namespace Vypr.Contracts.Reads;

/// <summary>One monitored call with its verdict.</summary>
/// <param name="Id">The call's ID (see <c>GET /api/v1/calls/{id}</c>).</param>
/// <param name="RunId">The run it happened in.</param>
/// <param name="Sequence">The verdict's number within the run.</param>
/// <param name="MethodId">The called method.</param>
/// <param name="CallSiteId">Where it was called.</param>
/// <param name="TestId">The test that made it, or null outside any test.</param>
/// <param name="ThreadId">The managed thread that finished it.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="DurationNanoseconds">How long it took.</param>
/// <param name="Threw">Whether it ended by an exception.</param>
/// <param name="Value">Whether it met its specification.</param>
/// <param name="Severity">Signed distance to the bound: positive when met, negative when violated.</param>
public sealed record CallItem(
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

using System;
using Vypr.Contracts;

namespace Vypr.Contracts.Reads;

/// <summary>A stored test of a run.</summary>
/// <param name="Id">The test's ID in the store (the <c>test</c> filter of call queries).</param>
/// <param name="RunId">The run it belongs to.</param>
/// <param name="Number">The test's number within its run.</param>
/// <param name="Name">The test's full name.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended, when known.</param>
/// <param name="Outcome">The test framework's outcome, when known.</param>
/// <param name="WallTimeMilliseconds">The test's measured wall time, when it ended.</param>
public sealed record TestItem(
    long Id,
    Guid RunId,
    long Number,
    string Name,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Outcome,
    double? WallTimeMilliseconds)
{
    /// <summary>
    /// What the test cost, exactly as the runtime measured it (wall and CPU time, allocated bytes, GC counts by
    /// generation, peak memory, whether it ran alone), or null when its results file had none.
    /// </summary>
    public TestMeasurements? Measurements { get; init; }
}

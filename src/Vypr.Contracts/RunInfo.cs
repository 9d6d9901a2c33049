using System;

namespace Vypr.Contracts;

/// <summary>One monitored run of a test assembly, with what is needed to compare it with other runs fairly.</summary>
/// <param name="RunId">A unique ID for the run.</param>
/// <param name="Assembly">The test assembly that ran.</param>
/// <param name="StartedAt">When monitoring started.</param>
/// <param name="EndedAt">When the results were written.</param>
/// <param name="Machine">The machine's fingerprint: host name, OS, processor count.</param>
/// <param name="Runtime">The .NET runtime description.</param>
/// <param name="Commit">The source commit, from <c>VYPR_COMMIT</c> or the CI's variables, when known.</param>
/// <param name="Branch">The source branch, from <c>VYPR_BRANCH</c> or the CI's variables, when known.</param>
public sealed record RunInfo(
    Guid RunId,
    string Assembly,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    string Machine,
    string Runtime,
    string? Commit,
    string? Branch);

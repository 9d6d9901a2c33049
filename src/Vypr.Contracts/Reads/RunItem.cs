using System;

namespace Vypr.Contracts.Reads;

/// <summary>A stored run.</summary>
/// <param name="RunId">The run's GUID, as the runtime assigned it.</param>
/// <param name="Project">The project it belongs to.</param>
/// <param name="Assembly">The test assembly that ran.</param>
/// <param name="Commit">The source commit, when known.</param>
/// <param name="Branch">The source branch, when known.</param>
/// <param name="CiJobUrl">The CI job that produced it, when known.</param>
/// <param name="Machine">The machine's fingerprint.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="StartedAt">When monitoring started.</param>
/// <param name="EndedAt">The latest end time delivered for the run.</param>
/// <param name="Dirty">Whether the working tree differed from the commit, when known.</param>
/// <param name="CiProvider">The CI system that ran it (<c>github-actions</c>, <c>gitlab-ci</c>...), when known.</param>
public sealed record RunItem(
    Guid RunId,
    string Project,
    string Assembly,
    string? Commit,
    string? Branch,
    string? CiJobUrl,
    string Machine,
    string Runtime,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    bool? Dirty,
    string? CiProvider);

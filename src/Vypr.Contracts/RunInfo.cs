using System;

namespace Vypr.Contracts;

/// <summary>One monitored run of a test assembly, with what is needed to compare it with other runs fairly.</summary>
/// <param name="RunId">A unique ID for the run.</param>
/// <param name="Assembly">The test assembly that ran.</param>
/// <param name="StartedAt">When monitoring started.</param>
/// <param name="EndedAt">When the results were written.</param>
/// <param name="Machine">The machine's fingerprint: host name, OS, architecture, processor count, processor model, memory.</param>
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
    string? Branch)
{
    /// <summary>
    /// Whether tracked files of the working tree differed from the commit (from <c>VYPR_DIRTY</c>, which
    /// <c>vypr run</c> sets from git), or null when unknown. Results of a dirty tree are not those of the commit.
    /// </summary>
    public bool? Dirty { get; init; }

    /// <summary>The CI system the run happened in (<c>github-actions</c>, <c>gitlab-ci</c>, <c>azure-pipelines</c>, <c>jenkins</c>, <c>ci</c>), or null outside CI.</summary>
    public string? CiProvider { get; init; }

    /// <summary>The page of the CI job that produced the run (an absolute http(s) URL), when the CI says where it is.</summary>
    public string? CiJobUrl { get; init; }
}

using System;

namespace Vypr.Runtime;

/// <summary>
/// Recognises the CI system from the variables each one documents, and builds the link to the job's page, so a
/// stored run leads back to the log that produced it. <c>VYPR_CI_JOB_URL</c> overrides the link anywhere.
/// </summary>
internal static class CiEnvironment
{
    /// <summary>The variable that names the job's page explicitly.</summary>
    public const string JobUrlVariable = "VYPR_CI_JOB_URL";

    /// <summary>The CI job of an environment, or null outside CI.</summary>
    /// <param name="environment">Reads a variable.</param>
    /// <returns>The job.</returns>
    public static CiJob? Detect(Func<string, string?> environment)
    {
        string? Get(string name) => environment(name) is { Length: > 0 } value ? value.Trim() : null;
        string? explicitUrl = Url(Get(JobUrlVariable));

        if (string.Equals(Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            // The run's page; a re-run attempt has a page of its own.
            string? url = Get("GITHUB_SERVER_URL") is { } server && Get("GITHUB_REPOSITORY") is { } repository && Get("GITHUB_RUN_ID") is { } run
                ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{run}" + (Get("GITHUB_RUN_ATTEMPT") is { } attempt ? $"/attempts/{attempt}" : string.Empty)
                : null;
            return new CiJob("github-actions", explicitUrl ?? Url(url));
        }

        if (string.Equals(Get("GITLAB_CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new CiJob("gitlab-ci", explicitUrl ?? Url(Get("CI_JOB_URL")));
        }

        if (string.Equals(Get("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase))
        {
            string? url = Get("SYSTEM_COLLECTIONURI") is { } collection && Get("SYSTEM_TEAMPROJECT") is { } project && Get("BUILD_BUILDID") is { } build
                ? $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={Uri.EscapeDataString(build)}"
                : null;
            return new CiJob("azure-pipelines", explicitUrl ?? Url(url));
        }

        if (Get("JENKINS_URL") is not null)
        {
            return new CiJob("jenkins", explicitUrl ?? Url(Get("BUILD_URL")));
        }

        if (Get("CI") is { } ci && !string.Equals(ci, "false", StringComparison.OrdinalIgnoreCase) && ci != "0")
        {
            return new CiJob("ci", explicitUrl ?? Url(Get("CI_JOB_URL") ?? Get("BUILD_URL")));
        }

        return explicitUrl is null ? null : new CiJob("ci", explicitUrl);
    }

    // Only an absolute http(s) link of a sane length is kept: the store and the server refuse anything else.
    private static string? Url(string? text) =>
        text is { Length: <= 2048 } && Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" ? text : null;
}

using System;
using System.Runtime.InteropServices;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>Describes where a run happened, so that runs on different machines or commits are never mixed up.</summary>
internal static class RunEnvironment
{
    public static RunInfo Describe(Guid runId, string assembly, DateTimeOffset startedAt, DateTimeOffset endedAt) => new(
        runId,
        assembly,
        startedAt,
        endedAt,
        $"{Environment.MachineName}; {RuntimeInformation.OSDescription}; {RuntimeInformation.OSArchitecture}; {Environment.ProcessorCount} cores",
        RuntimeInformation.FrameworkDescription,
        FirstSet("VYPR_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA", "BUILD_SOURCEVERSION"),
        FirstSet("VYPR_BRANCH", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME", "BUILD_SOURCEBRANCHNAME"));

    private static string? FirstSet(params string[] variables)
    {
        foreach (string variable in variables)
        {
            string? value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return ResultsText.Clean(value.Trim());
            }
        }

        return null;
    }
}

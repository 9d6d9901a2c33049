using System;
using System.Runtime.InteropServices;
using Vypr.Contracts;

namespace Vypr.Runtime;

/// <summary>Describes where a run happened, so that runs on different machines or commits are never mixed up.</summary>
internal static class RunEnvironment
{
    public static RunInfo Describe(Guid runId, string assembly, DateTimeOffset startedAt, DateTimeOffset endedAt) => new(
        runId,
        Name(assembly),
        startedAt,
        endedAt,
        Name($"{Environment.MachineName}; {RuntimeInformation.OSDescription}; {RuntimeInformation.OSArchitecture}; {Environment.ProcessorCount} cores"),
        Name(RuntimeInformation.FrameworkDescription),
        FirstSet(TextLimits.Short, "VYPR_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA", "BUILD_SOURCEVERSION"),
        FirstSet(TextLimits.Name, "VYPR_BRANCH", "GITHUB_REF_NAME", "CI_COMMIT_REF_NAME", "BUILD_SOURCEBRANCHNAME"));

    private static string Name(string text) => TextLimits.Clip(ResultsText.Clean(text)!, TextLimits.Name);

    private static string? FirstSet(int maxLength, params string[] variables)
    {
        foreach (string variable in variables)
        {
            string? value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return TextLimits.Clip(ResultsText.Clean(value.Trim())!, maxLength);
            }
        }

        return null;
    }
}

using System;

namespace Vypr.Xunit;

/// <summary>What a test that violates a specification does: fail (the default) or only report.</summary>
public enum ViolationPolicy
{
    /// <summary>The test fails with a message listing each violation.</summary>
    Fail,

    /// <summary>The test keeps its own outcome; violations are reported in its output and the run's results.</summary>
    Report,
}

/// <summary>Reads the project's <see cref="ViolationPolicy"/>.</summary>
internal static class ViolationPolicySetting
{
    /// <summary>The runtime option set from the <c>VyprViolations</c> MSBuild property.</summary>
    public const string OptionName = "Vypr.Violations";

    /// <summary>The environment variable that overrides the project's choice for one run.</summary>
    public const string EnvironmentVariable = "VYPR_VIOLATIONS";

    public static ViolationPolicy Read()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : AppContext.GetData(OptionName) as string;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return ViolationPolicy.Fail;
        }

        if (Enum.TryParse(configured.Trim(), ignoreCase: true, out ViolationPolicy policy) && Enum.IsDefined(policy))
        {
            return policy;
        }

        throw new InvalidOperationException(
            $"Vypr: violation policy '{configured}' (from {EnvironmentVariable} or the VyprViolations property) is not 'Fail' or 'Report'.");
    }
}

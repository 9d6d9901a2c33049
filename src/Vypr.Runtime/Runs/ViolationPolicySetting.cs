using System;

namespace Vypr.Runtime.Runs;

/// <summary>Reads the run's <see cref="ViolationPolicy"/>: the <c>VYPR_VIOLATIONS</c> environment variable, else the <c>VyprViolations</c> MSBuild property.</summary>
public static class ViolationPolicySetting
{
    /// <summary>The runtime option set from the <c>VyprViolations</c> MSBuild property.</summary>
    public const string OptionName = "Vypr.Violations";

    /// <summary>The environment variable that overrides the project's choice for one run.</summary>
    public const string EnvironmentVariable = "VYPR_VIOLATIONS";

    private static readonly Lazy<ViolationPolicy> s_current = new(Read);

    /// <summary>This process's policy, read once.</summary>
    /// <exception cref="InvalidOperationException">The configured value is neither <c>Fail</c> nor <c>Report</c>.</exception>
    public static ViolationPolicy Current => s_current.Value;

    /// <summary>Reads the policy now.</summary>
    /// <returns>The configured policy; <see cref="ViolationPolicy.Fail"/> when nothing is configured.</returns>
    /// <exception cref="InvalidOperationException">The configured value is neither <c>Fail</c> nor <c>Report</c>.</exception>
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

using System;
using System.Threading;

namespace Vypr.Runtime.Runs;

/// <summary>Reads the run's <see cref="ViolationPolicy"/>: the <c>VYPR_VIOLATIONS</c> environment variable, else the <c>VyprViolations</c> MSBuild property.</summary>
public static class ViolationPolicySetting
{
    /// <summary>The runtime option set from the <c>VyprViolations</c> MSBuild property.</summary>
    public const string OptionName = "Vypr.Violations";

    /// <summary>The environment variable that overrides the project's choice for one run.</summary>
    public const string EnvironmentVariable = "VYPR_VIOLATIONS";

    // 0 until read, then the policy plus one. Not a Lazy<ViolationPolicy>: a generic instantiation over this enum is
    // compiled in every test process (no precompiled image holds it), for one read.
    private static int s_current;

    /// <summary>This process's policy, read once.</summary>
    /// <exception cref="InvalidOperationException">The configured value is neither <c>Fail</c> nor <c>Report</c>.</exception>
    public static ViolationPolicy Current
    {
        get
        {
            int current = Volatile.Read(ref s_current);
            if (current == 0)
            {
                current = (int)Read() + 1;
                Volatile.Write(ref s_current, current);
            }

            return (ViolationPolicy)(current - 1);
        }
    }

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

        // The two names first, without the generic parsing (compiled for this enum in every process that reaches it).
        string trimmed = configured.Trim();
        if (trimmed.Equals(nameof(ViolationPolicy.Fail), StringComparison.OrdinalIgnoreCase))
        {
            return ViolationPolicy.Fail;
        }

        if (trimmed.Equals(nameof(ViolationPolicy.Report), StringComparison.OrdinalIgnoreCase))
        {
            return ViolationPolicy.Report;
        }

        if (Enum.TryParse(trimmed, ignoreCase: true, out ViolationPolicy policy) && Enum.IsDefined(policy))
        {
            return policy;
        }

        throw new InvalidOperationException(
            $"Vypr: violation policy '{configured}' (from {EnvironmentVariable} or the VyprViolations property) is not 'Fail' or 'Report'.");
    }
}

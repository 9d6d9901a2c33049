using System;
using System.Globalization;

namespace Vypr.Runtime;

/// <summary>
/// How many satisfied verdicts per test and call site are kept individually. Violations are always kept; calls
/// beyond the limit still count in the exact per-site statistics, so a test that calls a monitored method a
/// million times costs bounded memory and a drain that keeps up with the probes.
/// </summary>
internal static class VerdictRetention
{
    /// <summary>The environment variable: a number, or <c>all</c>.</summary>
    public const string EnvironmentVariable = "VYPR_KEEP_SATISFIED";

    public const int DefaultSatisfiedPerSite = 1000;

    public static readonly long SatisfiedPerSite = Read(Environment.GetEnvironmentVariable(EnvironmentVariable));

    internal static long Read(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultSatisfiedPerSite;
        }

        if (value.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return long.MaxValue;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long limit))
        {
            return limit;
        }

        Console.Error.WriteLine($"vypr: {EnvironmentVariable}='{value}' is not a number or 'all'; keeping {DefaultSatisfiedPerSite} per call site.");
        return DefaultSatisfiedPerSite;
    }
}

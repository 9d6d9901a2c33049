using System;

namespace Vypr.Runtime;

/// <summary>
/// Decides once per process whether monitoring is on. Off unless the run turns it on: the
/// <c>Vypr.Monitoring</c> runtime switch (set by Vypr.Xunit's build props in test projects) or the
/// <c>VYPR_MONITORING</c> environment variable, which wins when set.
/// </summary>
internal static class MonitoringSwitch
{
    /// <summary>The runtimeconfig.json / AppContext switch name.</summary>
    public const string SwitchName = "Vypr.Monitoring";

    /// <summary>The environment variable that overrides the switch: 1/true/on or 0/false/off.</summary>
    public const string EnvironmentVariable = "VYPR_MONITORING";

    public static bool Read()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment.Trim().ToLowerInvariant() switch
            {
                "1" or "true" or "on" or "yes" => true,
                "0" or "false" or "off" or "no" => false,
                _ => WarnAndStayOff(fromEnvironment),
            };
        }

        return AppContext.TryGetSwitch(SwitchName, out bool enabled) && enabled;
    }

    // This runs in a static initializer reached from user code: throwing there would break the user's program,
    // so a typo turns monitoring off loudly instead.
    private static bool WarnAndStayOff(string value)
    {
        Console.Error.WriteLine($"vypr: {EnvironmentVariable}='{value}' is not understood (use 1 or 0); monitoring stays off.");
        return false;
    }
}

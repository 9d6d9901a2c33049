using System;
using System.Collections.Generic;
using System.Globalization;
using Vypr.Contracts;
using Vypr.Runtime.Monitoring;

namespace Vypr.Runtime;

/// <summary>
/// The warning a run (or a test) gives for invocations of scoped methods that it could not finish recording: their
/// specifications' verdicts may be missing, and nothing else would say so.
/// </summary>
internal static class OpenInvocationText
{
    /// <summary>Invocations listed one by one; the rest are counted.</summary>
    internal const int Listed = 20;

    /// <summary>The warning's lines, or none when every invocation was recorded to its end.</summary>
    /// <param name="open">The open invocations.</param>
    /// <param name="testName">The name of a test by its ID, or null when unknown.</param>
    /// <returns>A heading and a line per invocation (at most <see cref="Listed"/>).</returns>
    public static IReadOnlyList<string> Lines(IReadOnlyList<OpenInvocation> open, Func<int, string?> testName)
    {
        if (open.Count == 0)
        {
            return [];
        }

        var lines = new List<string>
        {
            open.Count == 1
                ? "Vypr: WARNING: 1 invocation of a scoped method was not recorded to its end; verdicts of its specifications may be missing:"
                : $"Vypr: WARNING: {open.Count} invocations of scoped methods were not recorded to their end; verdicts of their specifications may be missing:",
        };
        for (int i = 0; i < open.Count && i < Listed; i++)
        {
            lines.Add("  " + Describe(open[i], testName));
        }

        if (open.Count > Listed)
        {
            lines.Add($"  ... and {open.Count - Listed} more");
        }

        return lines;
    }

    private static string Describe(OpenInvocation invocation, Func<int, string?> testName)
    {
        string where = "(no point recorded)";
        if (invocation.Point > 0 && invocation.Point <= MonitorRegistry.Points.Count)
        {
            PointInfo point = MonitorRegistry.Point(invocation.Point);
            CallSiteInfo site = MonitorRegistry.CallSite(point.CallSiteId);
            SpecificationInfo specification = MonitorRegistry.Specification(point.SpecificationId);
            where = $"{specification.Key} on {specification.Method}, {point.Kind} point at {site.Location} in {site.Caller}";
        }

        string test = invocation.TestId == 0 ? "test unknown" : "test " + (testName(invocation.TestId) ?? invocation.TestId.ToString(CultureInfo.InvariantCulture));
        string records = invocation.Waiting == 1 ? "1 record" : $"{invocation.Waiting} records";
        string state = invocation.Waiting == 0 ? "it never ended"
            : invocation.NextSequence == 1 ? $"{records} came after it had ended (a call it did not await, completing after it) or after records that were lost"
            : $"{records} {(invocation.Waiting == 1 ? "waits" : "wait")} for its record {invocation.NextSequence}, which never came";
        return $"invocation {invocation.Invocation.ToString(CultureInfo.InvariantCulture)}: {where}; {test}: {state}";
    }
}

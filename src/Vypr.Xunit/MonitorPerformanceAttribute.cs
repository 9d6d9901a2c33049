using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;
using Xunit.v3;

namespace Vypr.Xunit;

/// <summary>
/// Attributes monitored calls to the test that makes them and checks the test's verdicts when it ends. Vypr.Xunit's
/// build props apply it to the test assembly; it can also be put on a class or method by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class MonitorPerformanceAttribute : BeforeAfterTestAttribute
{
    private static readonly ConcurrentDictionary<string, TestScope> s_running = new(StringComparer.Ordinal);
    private static readonly Lazy<ViolationPolicy> s_policy = new(ViolationPolicySetting.Read);

    /// <inheritdoc />
    public override void Before(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (RuntimeMonitor.IsEnabled)
        {
            s_running[test.UniqueID] = TestScope.Begin(test.TestDisplayName);
        }
    }

    /// <inheritdoc />
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        if (!s_running.TryRemove(test.UniqueID, out TestScope? scope))
        {
            return;
        }

        IReadOnlyList<VerdictInfo> verdicts = scope.CollectVerdicts();
        IReadOnlyList<CallSiteSummary> summaries = scope.CollectSummaries();
        VerdictInfo[] violations = verdicts.Where(v => !v.Value).ToArray();
        bool failsHere = violations.Length > 0 && s_policy.Value == ViolationPolicy.Fail;

        // The framework's state knows only the test method's own result; a test failed here for its
        // violations is recorded as failed.
        scope.End(failsHere ? "Failed" : TestContext.Current.TestState?.Result.ToString());
        if (summaries.Count == 0)
        {
            return;
        }

        ITestOutputHelper? output = TestContext.Current.TestOutputHelper;
        if (output is not null)
        {
            output.WriteLine($"Vypr: {summaries.Sum(s => s.Calls)} monitored calls, {violations.Length} violated their specification.");
            foreach (CallSiteSummary site in summaries.Where(s => s.Violations == 0))
            {
                CallSiteInfo callSite = MonitorRegistry.CallSite(site.CallSiteId);
                SpecificationInfo specification = MonitorRegistry.Specification(callSite.SpecificationId);
                output.WriteLine($"  ok {specification.Text} on {specification.Method} at {callSite.Location}: {site.Calls} call{(site.Calls == 1 ? string.Empty : "s")}, slowest {DurationText.FormatNanoseconds(site.MaxNanoseconds)}");
            }

            foreach (VerdictInfo violation in violations)
            {
                output.WriteLine($"  VIOLATED {VerdictText.Describe(violation)}");
            }
        }

        if (failsHere)
        {
            throw new PerformanceSpecificationException(Describe(violations));
        }
    }

    private static string Describe(VerdictInfo[] violations)
    {
        var message = new StringBuilder();
        message.Append(violations.Length == 1 ? "1 call violated its performance specification:" : $"{violations.Length} calls violated their performance specifications:");
        foreach (VerdictInfo violation in violations)
        {
            message.AppendLine().Append("  ").Append(VerdictText.Describe(violation));
        }

        return message.ToString();
    }
}

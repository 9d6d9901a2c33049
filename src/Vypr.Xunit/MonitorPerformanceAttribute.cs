using System;
using System.Collections.Concurrent;
using System.Reflection;
using Vypr.Runtime;
using Vypr.Runtime.Runs;
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
        // Monitoring off: Before began no scope, so there is none to look up.
        if (!RuntimeMonitor.IsEnabled || !s_running.TryRemove(test.UniqueID, out TestScope? scope))
        {
            return;
        }

        TestReport report = TestReport.Collect(scope, ViolationPolicySetting.Current);

        // The framework's state knows only the test method's own result; a test failed here for its
        // violations is recorded as failed.
        scope.End(report.FailsTest ? "Failed" : TestContext.Current.TestState?.Result.ToString());
        if (TestContext.Current.TestOutputHelper is { } output && report.OutputText() is { Length: > 0 } text)
        {
            // One write for all the lines: xunit sends a message (and escapes the text) per write, which cost more
            // than the rest of a test's bookkeeping; the test's output text is the same as one write per line.
            output.WriteLine(text);
        }

        if (report.Failure() is { } failure)
        {
            throw failure;
        }
    }
}

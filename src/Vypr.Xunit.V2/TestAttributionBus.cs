using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Vypr.Runtime;
using Vypr.Runtime.Runs;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vypr.Xunit.V2;

/// <summary>
/// The message bus between xunit v2's runners and the runner's sinks, used to attribute calls to tests and fail
/// tests that violate a specification. v2 has no per-test hook that knows the test and runs in its async flow, but
/// its test runner queues <see cref="ITestStarting"/> synchronously from the test's own flow, just before it creates
/// the test class and invokes the method: a scope begun here flows into the test (an <see cref="AsyncLocal{T}"/>
/// set in a synchronous call stays set for its caller). The test's result message, also queued from its flow,
/// is where its verdicts are checked: a passing test with violations is reported failed under
/// <see cref="ViolationPolicy.Fail"/>, and every test's output gets its Vypr lines.
/// </summary>
public sealed class TestAttributionBus : IMessageBus
{
    private readonly IMessageBus _inner;
    private readonly Func<ViolationPolicy> _policy;
    private readonly Func<TestOutputDetail> _output;
    private readonly ConcurrentDictionary<ITest, TestScope> _running = new(ReferenceEqualityComparer.Instance);
    private int _failedHere;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">xunit's bus.</param>
    /// <param name="policy">What a violation does, read when a test ends.</param>
    /// <param name="output">How much a passing test's output shows, read when a test ends.</param>
    public TestAttributionBus(IMessageBus inner, Func<ViolationPolicy> policy, Func<TestOutputDetail> output)
    {
        _inner = inner;
        _policy = policy;
        _output = output;
    }

    /// <inheritdoc />
    public bool QueueMessage(IMessageSinkMessage message) => _inner.QueueMessage(message switch
    {
        ITestStarting starting => Begin(starting),
        ITestPassed passed => End(passed.Test, passed, passed.Output, "Passed"),
        ITestFailed failed => End(failed.Test, failed, failed.Output, "Failed"),
        ITestSkipped skipped => End(skipped.Test, skipped, skipped.Output, "Skipped"),
        ITestAssemblyFinished finished when Volatile.Read(ref _failedHere) > 0 => new TestAssemblyFinished(
            finished.TestCases, finished.TestAssembly, finished.ExecutionTime, finished.TestsRun, finished.TestsFailed + Volatile.Read(ref _failedHere), finished.TestsSkipped),
        _ => message,
    });

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();

    private ITestStarting Begin(ITestStarting starting)
    {
        _running[starting.Test] = TestScope.Begin(starting.Test.DisplayName);
        return starting;
    }

    private IMessageSinkMessage End(ITest test, IMessageSinkMessage result, string output, string outcome)
    {
        if (!_running.TryRemove(test, out TestScope? scope))
        {
            return result;
        }

        TestReport report = TestReport.Collect(scope, _policy());
        bool failsHere = report.FailsTest && result is ITestPassed;
        scope.End(failsHere ? "Failed" : outcome);
        string text = report.OutputText(_output());
        if (text.Length == 0)
        {
            return result;
        }

        string withVypr = string.Concat(output, text, Environment.NewLine);
        if (failsHere)
        {
            Interlocked.Increment(ref _failedHere);
            return new TestFailed(test, ((ITestResultMessage)result).ExecutionTime, withVypr, report.Failure());
        }

        return result switch
        {
            ITestPassed passed => new TestPassed(test, passed.ExecutionTime, withVypr),
            ITestFailed failed => new TestFailed(test, failed.ExecutionTime, withVypr, failed.ExceptionTypes, failed.Messages, failed.StackTraces, failed.ExceptionParentIndices),
            _ => result,
        };
    }
}

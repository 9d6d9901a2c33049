using System.Collections.Generic;
using System.Reflection;
using System.Threading.Tasks;
using Vypr.Runtime;
using Vypr.Runtime.Runs;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vypr.Xunit.V2;

/// <summary>
/// xunit's assembly runner, opening the monitored run before the first test and finishing it (results file, verdict
/// table, shipment) after the last, and sending every message through a <see cref="TestAttributionBus"/>.
/// </summary>
public sealed class VyprTestAssemblyRunner : XunitTestAssemblyRunner
{
    private ViolationPolicy _policy;
    private TestOutputDetail _output;

    /// <summary>Creates the runner; the arguments are xunit's.</summary>
    /// <param name="testAssembly">The assembly that contains the tests to be run.</param>
    /// <param name="testCases">The test cases to be run.</param>
    /// <param name="diagnosticMessageSink">The message sink for diagnostic messages.</param>
    /// <param name="executionMessageSink">The message sink for execution messages.</param>
    /// <param name="executionOptions">The user's requested execution options.</param>
    public VyprTestAssemblyRunner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : base(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
    }

    /// <inheritdoc />
    protected override IMessageBus CreateMessageBus() =>
        RuntimeMonitor.IsEnabled ? new TestAttributionBus(base.CreateMessageBus(), () => _policy, () => _output) : base.CreateMessageBus();

    /// <inheritdoc />
    protected override async Task AfterTestAssemblyStartingAsync()
    {
        await base.AfterTestAssemblyStartingAsync();

        // A misspelt policy or output setting is the run's configuration error: xunit reports it as the assembly's
        // failure, once, instead of an exception in the message bus at every test's end.
        Aggregator.Run(() =>
        {
            _policy = ViolationPolicySetting.Current;
            _output = TestOutputSetting.Current;
            MonitoredRun.Start(new AssemblyName(TestAssembly.Assembly.Name).Name ?? "tests");
        });
    }

    /// <inheritdoc />
    protected override async Task BeforeTestAssemblyFinishedAsync()
    {
        await base.BeforeTestAssemblyFinishedAsync();
        await Aggregator.RunAsync(async () => (await MonitoredRun.FinishAsync())?.ThrowIfFailed());
    }
}

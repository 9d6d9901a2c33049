using System.Collections.Generic;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vypr.Xunit.V2;

/// <summary>Runs a v2 test assembly with <see cref="VyprTestAssemblyRunner"/> instead of xunit's own runner.</summary>
public sealed class VyprTestFrameworkExecutor : XunitTestFrameworkExecutor
{
    /// <summary>Creates the executor for one test assembly.</summary>
    /// <param name="assemblyName">The test assembly.</param>
    /// <param name="sourceInformationProvider">xunit's source information provider.</param>
    /// <param name="diagnosticMessageSink">xunit's diagnostic message sink.</param>
    public VyprTestFrameworkExecutor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : base(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
    }

    /// <inheritdoc />
    protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
    {
        using var runner = new VyprTestAssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
        await runner.RunAsync();
    }
}

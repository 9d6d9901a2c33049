using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Vypr.Xunit.V2;

/// <summary>
/// xunit v2's own test framework with Vypr's run around it: every test's monitored calls are attributed to it, a test
/// that violates a specification fails (or reports, per settings), and the run's results are written when the
/// assembly's tests finish. Vypr.Xunit.V2's build props register it with <c>[assembly: TestFramework]</c>.
/// </summary>
public sealed class VyprTestFramework : XunitTestFramework
{
    /// <summary>Creates the framework; xunit calls this.</summary>
    /// <param name="messageSink">xunit's diagnostic message sink.</param>
    public VyprTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
    }

    /// <inheritdoc />
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new VyprTestFrameworkExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);
}

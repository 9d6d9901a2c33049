using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.EndToEnd.Tests;

/// <summary>Runs the uploader sample's test assembly as its own process, the way a developer or CI runs it.</summary>
public static class SampleProcess
{
    public static string AssemblyPath => typeof(SampleProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SampleTestsAssembly").Value!;

    public static async Task<MonitoredProcess> RunAsync(IReadOnlyDictionary<string, string> environment)
    {
        MonitoredProcess run = await MonitoredProcess.RunAsync(AssemblyPath, environment, "-noColor");
        Assert.True(run.Results is null || run.WroteVerdictTable, "the verdict table is written beside the results");
        return run;
    }
}

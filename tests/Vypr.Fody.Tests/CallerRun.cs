using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Vypr.Tests.Shared;

namespace Vypr.Fody.Tests;

/// <summary>Runs of a program (the caller, tests/Vypr.Fody.Caller, by default) as its own process, and where the programs are built.</summary>
public static class CallerRun
{
    public static string AssemblyPath => Metadata("CallerAssembly");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string SampleTestsPath => Metadata("SampleTestsAssembly");

    public static string WovenSampleTestsPath => Metadata("WovenSampleTestsAssembly");

    public static Task<MonitoredProcess> RunAsync(IReadOnlyDictionary<string, string> environment) => RunAsync(AssemblyPath, environment);

    public static Task<MonitoredProcess> RunAsync(string assemblyPath, IReadOnlyDictionary<string, string> environment) =>
        MonitoredProcess.RunAsync(assemblyPath, environment);

    private static string Metadata(string key) => typeof(CallerRun).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Vypr.Benchmarks;

/// <summary>One job with monitoring off and one with it on; everything else identical.</summary>
public sealed class ProbeJobs : ManualConfig
{
    public ProbeJobs()
    {
        AddJob(Job.Default.WithId("monitoring off").WithEnvironmentVariable("VYPR_MONITORING", "0"));
        AddJob(Job.Default.WithId("monitoring on").WithEnvironmentVariable("VYPR_MONITORING", "1"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        HideColumns(Column.EnvironmentVariables);

        // BenchmarkDotNet builds its own copy of the project graph (generator, weaver, runtime) on one node: on a
        // shared 2-core machine that takes longer than its default two minutes.
        WithBuildTimeout(System.TimeSpan.FromMinutes(10));
    }
}

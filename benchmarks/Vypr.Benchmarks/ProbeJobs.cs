using System;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Vypr.Benchmarks;

/// <summary>
/// One job with monitoring off and one with it on; everything else identical. A fixed number of iterations keeps one
/// run of every shape (both jobs) to about ten minutes on a 2-core machine; each iteration lasts about half a second.
/// </summary>
public sealed class ProbeJobs : ManualConfig
{
    public ProbeJobs()
    {
        Job job = Job.Default.WithWarmupCount(6).WithIterationCount(20);
        AddJob(job.WithId("monitoring off").WithEnvironmentVariable("VYPR_MONITORING", "0"));
        AddJob(job.WithId("monitoring on").WithEnvironmentVariable("VYPR_MONITORING", "1"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95);
        HideColumns(Column.EnvironmentVariables);

        // BenchmarkDotNet builds its own copy of the project; on a shared 2-core machine that takes longer than its default 2 minutes.
        WithBuildTimeout(TimeSpan.FromMinutes(20));
    }
}

using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Vypr.Runtime;

namespace Vypr.Benchmarks.NetStandard;

/// <summary>
/// Runs <see cref="RuntimeBuildBenchmarks"/> in this process (the in-process toolchain: BenchmarkDotNet's own build
/// of the project would not keep the runtime build this one was built with), with monitoring on:
/// <c>VYPR_MONITORING=1 dotnet run -c Release --project benchmarks/Vypr.Benchmarks.NetStandard [-p:VyprRuntimeTarget=netstandard2.0]</c>.
/// </summary>
public static class Program
{
    /// <summary>The target framework of the runtime build this process loaded.</summary>
    public static string RuntimeBuild =>
        typeof(Probe).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName ?? "unknown";

    public static int Main(string[] args)
    {
        Console.WriteLine($"Vypr.Runtime build: {RuntimeBuild}; monitoring {(Probe.IsEnabled ? "on" : "off")}");
        if (!Probe.IsEnabled)
        {
            Console.Error.WriteLine("Set VYPR_MONITORING=1: the probe's cost is measured with monitoring on.");
            return 2;
        }

        string id = RuntimeBuild.StartsWith(".NETStandard", StringComparison.Ordinal) ? "runtime netstandard2.0" : "runtime net10.0";
        IConfig config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.Default.WithWarmupCount(6).WithIterationCount(20).WithToolchain(InProcessEmitToolchain.Instance).WithId(id))
            .AddColumn(StatisticColumn.Median);
        BenchmarkRunner.Run<RuntimeBuildBenchmarks>(config, args);
        return 0;
    }
}

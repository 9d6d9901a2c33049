using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Vypr.Benchmarks;

// Usage: VYPR_MONITORING=1 dotnet bin/Release/net10.0/Vypr.Benchmarks.ThreadCpu.dll [rounds] [invocations per round] [shape]
// (shape: a number 1-4 to run the clock and that shape only, e.g. under a profiler)
// Prints, per shape, the median over rounds of the calling thread's CPU time per operation and the bytes it allocated
// per operation; every shape runs once per round, in turn, so all of them see the same machine.
int rounds = args.Length > 0 ? int.Parse(args[0]) : 9;
int invocations = args.Length > 1 ? int.Parse(args[1]) : 2_000;
const int Operations = 1_000;

// Scale: invocations of the shape per round, as a share of the invocations of the others (a test costs microseconds).
var shapes = new (string Name, Func<int> Run, double Scale)[]
{
    ("clock: 2x Stopwatch.GetTimestamp", TwoClockReads, 1),
    ("sync [MaxDuration] call", Sync, 1),
    ("scoped method, one quantified call", ScopedOnce, 1),
    ("scoped method, inner loop, per inner call", () => Pipeline.RunScoped(Operations), 1),
    ("a test without monitored calls, per test", TestsWithoutCalls, 0.01),
};
if (args.Length > 2)
{
    int only = int.Parse(args[2]) - 1;
    shapes = [shapes[0], shapes[only]];
}

Console.WriteLine($"monitoring {(Vypr.Runtime.Probe.IsEnabled ? "on" : "off")}, {rounds} rounds of {invocations} x {Operations} operations, load average {System.IO.File.ReadAllText("/proc/loadavg").Trim()}");
int sink = 0;
foreach ((string _, Func<int> run, double scale) in shapes)
{
    for (int i = 0; i < 300 * scale; i++)
    {
        sink += run();
    }
}

var cpu = shapes.Select(_ => new List<double>()).ToArray();
var allocated = shapes.Select(_ => new List<double>()).ToArray();
for (int round = 0; round < rounds; round++)
{
    for (int s = 0; s < shapes.Length; s++)
    {
        Func<int> run = shapes[s].Run;
        int count = Math.Max(1, (int)(invocations * shapes[s].Scale));
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        long start = ThreadCpuClock.Nanoseconds();
        for (int i = 0; i < count; i++)
        {
            sink += run();
        }

        long used = ThreadCpuClock.Nanoseconds() - start;
        cpu[s].Add((double)used / count / Operations);
        allocated[s].Add((double)(GC.GetAllocatedBytesForCurrentThread() - bytes) / count / Operations);
    }
}

double clock = Median(cpu[0]);
Console.WriteLine($"{"shape",-45} {"ns/op",8} {"x clock",8} {"B/op",6}  (rounds: ns/op)");
for (int s = 0; s < shapes.Length; s++)
{
    double median = Median(cpu[s]);
    Console.WriteLine($"{shapes[s].Name,-45} {median,8:F1} {median / clock,8:F2} {Median(allocated[s]),6:F1}  ({string.Join(" ", cpu[s].Select(v => v.ToString("F0")))})");
}

Console.WriteLine($"load average {System.IO.File.ReadAllText("/proc/loadavg").Trim()} (checksum {sink})");
return 0;

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static int TwoClockReads()
{
    long sum = 0;
    for (int i = 0; i < Operations; i++)
    {
        long start = Stopwatch.GetTimestamp();
        sum += Stopwatch.GetTimestamp() - start;
    }

    return (int)sum;
}

static int Sync()
{
    int sum = 0;
    for (int i = 0; i < Operations; i++)
    {
        sum += Target.Monitored(i);
    }

    return sum;
}

// What a test framework integration does around each test (Vypr.Xunit's MonitorPerformanceAttribute), for a test that
// makes no monitored call.
static int TestsWithoutCalls()
{
    int sum = 0;
    for (int i = 0; i < Operations; i++)
    {
        Vypr.Runtime.TestScope scope = Vypr.Runtime.TestScope.Begin("Suite.Tests.Catalog.Lists_every_product(count: 3)");
        Vypr.Runtime.Runs.TestReport report = Vypr.Runtime.Runs.TestReport.Collect(scope, Vypr.Runtime.Runs.ViolationPolicy.Report);
        scope.End(report.FailsTest ? "Failed" : "Passed");
        sum += report.OutputLines().Count + scope.Id;
    }

    return sum;
}

static int ScopedOnce()
{
    int sum = 0;
    for (int i = 0; i < Operations; i++)
    {
        sum += Pipeline.RunOnce(i);
    }

    return sum;
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Vypr.Benchmarks;

// Usage: VYPR_MONITORING=1 dotnet bin/Release/net10.0/Vypr.Benchmarks.ThreadCpu.dll [rounds] [invocations per round] [shape]
// (shape: a number, 1-based in the table printed (1-18), to run the clock and that shape only, e.g. under a profiler)
// Prints, per shape, the median over rounds of the calling thread's CPU time per operation and the bytes it allocated
// per operation; every shape runs once per round, in turn, so all of them see the same machine. A monitored shape
// with a direct twin (the same method without a specification) also gets "added / clock": (monitored - direct) over
// the two clock readings, what the probe adds. With VYPR_MONITORING=0 the monitored shapes measure the woven call
// with monitoring off, to compare with the direct one.
int rounds = args.Length > 0 ? int.Parse(args[0]) : 9;
int invocations = args.Length > 1 ? int.Parse(args[1]) : 2_000;
const int Operations = 1_000;
const int ThreadOperations = 100_000;
IRule rule = new MonitoredRule();
IPlainRule plainRule = new PlainRule();

// Scale: invocations of the shape per round, as a share of the invocations of the others (a test costs microseconds;
// a two-thread invocation is 100 times as many calls on each thread). Twin: the direct shape to subtract, or -1.
var shapes = new (string Name, Func<int> Run, double Scale, int Twin, bool TwoThreads)[]
{
    ("clock: 2x Stopwatch.GetTimestamp", TwoClockReads, 1, -1, false),
    ("sync: direct", SyncDirect, 1, -1, false),
    ("sync [MaxDuration] call", Sync, 1, 1, false),
    ("scoped method, one quantified call", ScopedOnce, 1, 4, false),
    ("scoped, one call: direct", ScopedOnceDirect, 1, -1, false),
    ("scoped method, inner loop, per inner call", () => Pipeline.RunScoped(Operations), 1, 6, false),
    ("inner loop: direct, per inner call", () => Pipeline.RunPlain(Operations), 1, -1, false),
    ("a test without monitored calls, per test", TestsWithoutCalls, 0.01, -1, false),
    ("async completed Task: direct", AsyncDirect, 1, -1, false),
    ("async completed Task: monitored", AsyncMonitored, 1, 8, false),
    ("interface: direct", InterfaceDirect, 1, -1, false),
    ("interface: monitored", InterfaceMonitored, 1, 10, false),
    ("two threads: clock, per call per thread", () => TwoThreads(ClockLoop), 0.01, -1, true),
    ("two threads: direct, per call per thread", () => TwoThreads(DirectLoop), 0.01, -1, true),
    ("two threads: monitored, per call per thread", () => TwoThreads(MonitoredLoop), 0.01, 13, true),
    ("in a test: sync direct", () => InTest(SyncDirect), 1, -1, false),
    ("in a test: sync [MaxDuration] call", () => InTest(Sync), 1, 15, false),
    ("in a test: scoped method, one quantified call", () => InTest(ScopedOnce), 1, 4, false),
};
int[] selected = Enumerable.Range(0, shapes.Length).ToArray();
if (args.Length > 2)
{
    selected = [0, int.Parse(args[2]) - 1];
}

Console.WriteLine($"monitoring {(Vypr.Runtime.Probe.IsEnabled ? "on" : "off")}, {rounds} rounds of {invocations} x {Operations} operations, load average {System.IO.File.ReadAllText("/proc/loadavg").Trim()}");
int sink = 0;
foreach (int s in selected)
{
    for (int i = 0; i < Math.Max(3, 300 * shapes[s].Scale); i++)
    {
        sink += shapes[s].Run();
    }
}

var cpu = shapes.Select(_ => new List<double>()).ToArray();
var allocated = shapes.Select(_ => new List<double>()).ToArray();

// Contended acquisitions of a lock (the drain's, with monitoring on) per invocation of each two-thread shape: how often
// a writer whose ring filled found the other writer, or the background drain, evaluating.
var contentions = shapes.Select(_ => 0L).ToArray();
for (int round = 0; round < rounds; round++)
{
    foreach (int s in selected)
    {
        Func<int> run = shapes[s].Run;
        int count = Math.Max(1, (int)(invocations * shapes[s].Scale));
        s_threadCpu = 0;
        s_threadBytes = 0;
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        long contended = System.Threading.Monitor.LockContentionCount;
        long start = ThreadCpuClock.Nanoseconds();
        for (int i = 0; i < count; i++)
        {
            sink += run();
        }

        long used = ThreadCpuClock.Nanoseconds() - start;
        contentions[s] += System.Threading.Monitor.LockContentionCount - contended;
        long allocatedBytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        if (shapes[s].TwoThreads)
        {
            // The two threads' own CPU and allocations, per call per thread; the starting thread only waits.
            cpu[s].Add((double)s_threadCpu / count / (2.0 * ThreadOperations));
            allocated[s].Add((double)s_threadBytes / count / (2.0 * ThreadOperations));
        }
        else
        {
            cpu[s].Add((double)used / count / Operations);
            allocated[s].Add((double)allocatedBytes / count / Operations);
        }
    }
}

double clock = Median(cpu[0]);
double twoThreadClock = selected.Contains(12) ? Median(cpu[12]) : clock;
Console.WriteLine($"{"shape",-45} {"ns/op",8} {"x clock",8} {"added/clock",11} {"B/op",6}  (rounds: ns/op)");
foreach (int s in selected)
{
    double median = Median(cpu[s]);
    double reference = shapes[s].TwoThreads ? twoThreadClock : clock;
    int twin = shapes[s].Twin;
    string added = twin >= 0 && selected.Contains(twin) ? ((median - Median(cpu[twin])) / reference).ToString("F2") : "-";
    Console.WriteLine($"{shapes[s].Name,-45} {median,8:F1} {median / reference,8:F2} {added,11} {Median(allocated[s]),6:F1}  ({string.Join(" ", cpu[s].Select(v => v.ToString("F0")))})");
}

Console.WriteLine($"load average {System.IO.File.ReadAllText("/proc/loadavg").Trim()} (checksum {sink})");
foreach (int s in selected.Where(s => shapes[s].TwoThreads))
{
    Console.WriteLine($"lock contentions per invocation ({2 * ThreadOperations:N0} calls), {shapes[s].Name}: {(double)contentions[s] / (rounds * Math.Max(1, (int)(invocations * shapes[s].Scale))):F2}");
}

return 0;

int InterfaceDirect()
{
    int sum = 0;
    for (int i = 0; i < Operations; i++)
    {
        sum += plainRule.Check(i);
    }

    return sum;
}

int InterfaceMonitored()
{
    int sum = 0;
    for (int i = 0; i < Operations; i++)
    {
        sum += rule.Check(i);
    }

    return sum;
}

// Runs a shape in a test's execution context: a test's scope current, beside the async-locals a test framework keeps
// of its own (three here), as every monitored call in a real suite runs.
static int InTest(Func<int> shape)
{
    s_inTest ??= TestContext();
    System.Threading.ExecutionContext.Run(s_inTest, static state => s_result[0] = ((Func<int>)state!)(), shape);
    return s_result[0];
}

static System.Threading.ExecutionContext TestContext()
{
    System.Threading.ExecutionContext? context = null;
    var thread = new System.Threading.Thread(() =>
    {
        s_frameworkValues[0].Value = "collection";
        s_frameworkValues[1].Value = "class";
        s_frameworkValues[2].Value = "output";
        Vypr.Runtime.TestScope.Begin("Vypr.Benchmarks.ThreadCpu.InTest.Calls_in_a_test");
        context = System.Threading.ExecutionContext.Capture();
    });
    thread.Start();
    thread.Join();
    return context!;
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static int SyncDirect()
{
    int sum = 0;
    for (int i = 0; i < Operations; i++)
    {
        sum += Target.Plain(i);
    }

    return sum;
}

static int ScopedOnceDirect()
{
    int sum = 0;
    for (int i = 0; i < Operations; i++)
    {
        sum += Pipeline.RunOncePlain(i);
    }

    return sum;
}

static int AsyncDirect()
{
    int sum = 0;
    for (int i = 0; i < Operations; i++)
    {
        sum += Target.PlainAsync(i).IsCompleted ? 1 : 0;
    }

    return sum;
}

static int AsyncMonitored()
{
    int sum = 0;
    for (int i = 0; i < Operations; i++)
    {
        sum += Target.MonitoredAsync(i).IsCompleted ? 1 : 0;
    }

    return sum;
}

// Two dedicated threads (not the pool, so the starting thread never runs a loop itself), each measuring its own CPU
// time and allocations around its loop only: thread start and join are not counted.
static int TwoThreads(Func<int, int> loop)
{
    int a = 0, b = 0;
    var first = new System.Threading.Thread(() => a = Measured(loop));
    var second = new System.Threading.Thread(() => b = Measured(loop));
    first.Start();
    second.Start();
    first.Join();
    second.Join();
    return a + b;
}

static int Measured(Func<int, int> loop)
{
    long bytes = GC.GetAllocatedBytesForCurrentThread();
    long start = ThreadCpuClock.Nanoseconds();
    int result = loop(ThreadOperations);
    System.Threading.Interlocked.Add(ref s_threadCpu, ThreadCpuClock.Nanoseconds() - start);
    System.Threading.Interlocked.Add(ref s_threadBytes, GC.GetAllocatedBytesForCurrentThread() - bytes);
    return result;
}

static int ClockLoop(int calls)
{
    long sum = 0;
    for (int i = 0; i < calls; i++)
    {
        long start = Stopwatch.GetTimestamp();
        sum += Stopwatch.GetTimestamp() - start;
    }

    return (int)sum;
}

static int DirectLoop(int calls)
{
    int sum = 0;
    for (int i = 0; i < calls; i++)
    {
        sum += Target.Plain(i);
    }

    return sum;
}

static int MonitoredLoop(int calls)
{
    int sum = 0;
    for (int i = 0; i < calls; i++)
    {
        sum += Target.Monitored(i);
    }

    return sum;
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
        sum += report.OutputText().Length + scope.Id;
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

/// <summary>The two-thread shapes' counters, summed by their threads.</summary>
internal partial class Program
{
    private static long s_threadCpu;
    private static long s_threadBytes;
    private static System.Threading.ExecutionContext? s_inTest;
    private static readonly int[] s_result = new int[1];
    private static readonly System.Threading.AsyncLocal<string>[] s_frameworkValues = [new(), new(), new()];
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Benchmarks;
using Vypr.Runtime;
using Vypr.Runtime.Runs;
using Vypr.TestCost;

// Usage: VYPR_MONITORING=1 dotnet bin/Release/net10.0/TestCost.dll [rounds] [tests per round]
// Prints, for tests making 0, 3 and 20 monitored calls, the median (and minimum) over rounds of the calling thread's
// CPU time and bytes allocated per test, for what a test framework integration does around each test (Vypr.Xunit's
// MonitorPerformanceAttribute: begin the scope, collect the report, end the scope, build and write its output) and
// the test's calls. VYPR_TEST_OUTPUT=detailed measures the output with every test's "ok" lines. The calls' own cost ("calls only": the same calls outside any test scope, drained in bulk) is
// printed beside it; the difference is the test's bookkeeping. Every variant runs once per round, in turn.
int rounds = args.Length > 0 ? int.Parse(args[0]) : 9;
int tests = args.Length > 1 ? int.Parse(args[1]) : 1_000;
int[] callCounts = [0, 3, 20];
if (!Probe.IsEnabled)
{
    Console.Error.WriteLine("Set VYPR_MONITORING=1: this harness measures monitored tests.");
    return 2;
}

// Theory-like names, as xunit reports them (the arguments are part of the name), made before measuring.
string[] names = Enumerable.Range(0, tests).Select(i => $"Vypr.TestCost.LedgerTests.Posts_an_amount(amount: {i}, currency: \"EUR\")").ToArray();
var variants = new List<(string Name, Func<int, int> Run)>();
foreach (int k in callCounts)
{
    variants.Add(($"a test with {k} monitored calls", i => Test(names[i], k)));
}

// The parts of a test with 3 calls, for the differences: its scope alone, then with its report collected.
variants.Add(("  3 calls: scope only (begin, end)", i => ScopeOnly(names[i], 3)));
variants.Add(("  3 calls: scope and report, no output", i => ScopeAndReport(names[i], 3)));
foreach (int k in callCounts.Where(k => k > 0))
{
    variants.Add(($"calls only: {k} monitored calls, no test", _ => Calls(k)));
}

Console.WriteLine($"{rounds} rounds of {tests} tests per variant, load average {System.IO.File.ReadAllText("/proc/loadavg").Trim()}");
// Warm-up: enough calls, and time, for the runtime's tiered compilation to finish optimising the methods measured
// (a real suite's per-test code runs optimised after its first tests), twice.
int sink = 0;
for (int warm = 0; warm < 2; warm++)
{
    foreach ((string _, Func<int, int> run) in variants)
    {
        for (int i = 0; i < 1_000; i++)
        {
            sink += run(i % tests);
        }
    }

    System.Threading.Thread.Sleep(500);
}

var cpu = variants.Select(_ => new List<double>()).ToArray();
var allocated = variants.Select(_ => new List<double>()).ToArray();
for (int round = 0; round < rounds; round++)
{
    for (int v = 0; v < variants.Count; v++)
    {
        Func<int, int> run = variants[v].Run;
        RuntimeMonitorDrain();
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        long start = ThreadCpuClock.Nanoseconds();
        for (int i = 0; i < tests; i++)
        {
            sink += run(i);
        }

        // The calls-only variant's records are evaluated here, on this thread, as a test's end would.
        RuntimeMonitorDrain();
        long used = ThreadCpuClock.Nanoseconds() - start;
        cpu[v].Add((double)used / tests);
        allocated[v].Add((double)(GC.GetAllocatedBytesForCurrentThread() - bytes) / tests);
    }
}

// The median and the fastest round: on a shared machine a round's CPU time grows with what the other cores' work does
// to caches and to a shared core, so the fastest round is the least disturbed.
Console.WriteLine($"{"variant",-42} {"ns/test",9} {"min",7} {"B/test",8}  (rounds: ns/test)");
for (int v = 0; v < variants.Count; v++)
{
    Console.WriteLine($"{variants[v].Name,-42} {Median(cpu[v]),9:F0} {cpu[v].Min(),7:F0} {Median(allocated[v]),8:F0}  ({string.Join(" ", cpu[v].Select(c => c.ToString("F0")))})");
}

Console.WriteLine($"load average {System.IO.File.ReadAllText("/proc/loadavg").Trim()} (checksum {sink})");
return 0;

// What Vypr.Xunit's Before and After hooks do for one test, around the test's calls.
static int Test(string name, int calls)
{
    TestScope scope = TestScope.Begin(name);
    int sum = Calls(calls);
    TestReport report = TestReport.Collect(scope, ViolationPolicy.Fail);
    scope.End(report.FailsTest ? "Failed" : "Passed");
    sum += report.OutputText().Length;

    if (report.Failure() is not null)
    {
        throw new InvalidOperationException("A call of the harness violated its specification.");
    }

    return sum;
}

static int ScopeOnly(string name, int calls)
{
    TestScope scope = TestScope.Begin(name);
    int sum = Calls(calls);
    scope.End("Passed");
    return sum;
}

static int ScopeAndReport(string name, int calls)
{
    TestScope scope = TestScope.Begin(name);
    int sum = Calls(calls);
    TestReport report = TestReport.Collect(scope, ViolationPolicy.Fail);
    scope.End(report.FailsTest ? "Failed" : "Passed");
    return sum;
}

// The test's calls, the three shapes in turn: three call sites.
static int Calls(int calls)
{
    int sum = 0;
    for (int j = 0; j < calls; j++)
    {
        switch (j % 3)
        {
            case 0:
                sum += Ledger.Post(j);
                break;
            case 1:
                Task settled = Ledger.SettleAsync(j);
                sum += settled.IsCompleted ? 1 : 0;
                break;
            default:
                sum += Ledger.Close(j);
                break;
        }
    }

    return sum;
}

// Everything recorded so far evaluated, through the public API: a report of a test that made no call drains every buffer.
static void RuntimeMonitorDrain()
{
    TestScope scope = TestScope.Begin("Vypr.TestCost.Drain");
    TestReport.Collect(scope, ViolationPolicy.Report);
    scope.End("Passed");
}

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Vypr.Generators.Tests.Harness;
using Vypr.Runtime;
using Vypr.Runtime.Runs;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// Records that can never be put in order, and invocations that never end, are never silent: a call a scoped method
/// does not await completes after the method has ended (its event comes after its invocation's exit), and another
/// invocation waits for ever. The test's report warns about both, naming the specification, the point's place and
/// the test, and its output lines carry the warning.
/// </summary>
public sealed class OpenInvocationTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using Vypr;

        public static class Specs
        {
            [PerformanceSpecification]
            public static Specification Loads => Specification.For<Worker>(nameof(Worker.StartAsync))
                .Forall("c", Calls.To<Worker>(nameof(Worker.LoadAsync)))
                .Check(c => c.Duration() < Duration.Seconds(60));

            [PerformanceSpecification]
            public static Specification Waits => Specification.For<Worker>(nameof(Worker.WaitAsync))
                .Forall("c", Calls.OfScope())
                .Check(c => c.Duration() < Duration.Seconds(60));
        }

        public sealed class Worker
        {
            public Task LoadAsync(Task gate) => gate;

            // Starts a load and ends without awaiting it.
            public async Task StartAsync(Task gate)
            {
                await Task.Yield();
                _ = LoadAsync(gate);
            }

            public async Task WaitAsync(Task never) => await never;
        }

        public static class Program
        {
            // Returns the invocation that waits, still running.
            public static async Task<Task> Run(TaskCompletionSource gate, TaskCompletionSource never)
            {
                var w = new Worker();
                await w.StartAsync(gate.Task);
                gate.SetResult();
                return w.WaitAsync(never.Task);
            }
        }
        """;

    [Fact]
    public async Task A_call_that_completes_after_its_invocation_ended_and_an_invocation_that_never_ends_are_reported_with_their_test()
    {
        var input = TestCompiler.Compile("OpenInvocations", null, ("OpenInvocations.cs", Source));
        Assembly assembly = TestCompiler.GenerateAndLoad(input, out _);
        string name = nameof(A_call_that_completes_after_its_invocation_ended_and_an_invocation_that_never_ends_are_reported_with_their_test);
        using var scope = TestScope.Begin(name);
        var gate = new TaskCompletionSource();
        var never = new TaskCompletionSource();
        Task waiting = await (Task<Task>)assembly.GetType("Program")!.GetMethod("Run")!.Invoke(null, [gate, never])!;

        TestReport report = TestReport.Collect(scope, ViolationPolicy.Report);
        Assert.True(report.Warnings.Count == 3, string.Join("\n", report.Warnings));
        Assert.StartsWith("Vypr: WARNING: 2 invocations of scoped methods were not recorded to their end", report.Warnings[0], System.StringComparison.Ordinal);
        string late = Assert.Single(report.Warnings, w => w.Contains("P:Specs.Loads", System.StringComparison.Ordinal));
        Assert.Contains("Call point at OpenInvocations.cs:25:", late, System.StringComparison.Ordinal);
        Assert.Contains("test " + name, late, System.StringComparison.Ordinal);
        Assert.Contains("1 record came after it had ended", late, System.StringComparison.Ordinal);
        string open = Assert.Single(report.Warnings, w => w.Contains("P:Specs.Waits", System.StringComparison.Ordinal));
        Assert.Contains("test " + name, open, System.StringComparison.Ordinal);
        Assert.Contains("it never ended", open, System.StringComparison.Ordinal);
        Assert.Equal(report.Warnings, report.OutputLines().TakeLast(3));

        // The invocation that never ended ends when its task does (its continuation may be posted to the test's
        // synchronisation context): then the test has nothing left open but the late record.
        never.SetResult();
        await waiting;
        TestReport after = TestReport.Collect(scope, ViolationPolicy.Report);
        Assert.True(after.Warnings.Count == 2 && after.Warnings[0].StartsWith("Vypr: WARNING: 1 invocation of a scoped method", System.StringComparison.Ordinal), string.Join("\n", after.Warnings));
    }
}

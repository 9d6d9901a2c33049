using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Vypr.Contracts;
using Vypr.Generators.Tests.Harness;
using Vypr.Runtime;
using Vypr.Runtime.Runs;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// A synchronous scoped method's invocation is reused for the thread's next invocation once it exits, so that an
/// invocation allocates nothing. A call it starts and does not await completes later: its event must stay with the
/// invocation that made it (reported as after its end), never be taken for the next invocation's.
/// </summary>
public sealed class UnawaitedCallInSynchronousScopeTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using Vypr;

        public static class Specs
        {
            [PerformanceSpecification]
            public static Specification UnawaitedLoads => Specification.For<Worker>(nameof(Worker.Run))
                .Forall("c", Calls.To<Worker>(nameof(Worker.LoadAsync)))
                .Check(c => c.Duration() < Duration.Seconds(60));
        }

        public sealed class Worker
        {
            public Task LoadAsync(Task gate) => gate;

            // Starts a load, does not await it, and may let an earlier one complete meanwhile.
            public int Run(Task gate, TaskCompletionSource? release)
            {
                _ = LoadAsync(gate);
                release?.SetResult();
                return 1;
            }
        }

        public static class Program
        {
            public static object Run()
            {
                var w = new Worker();
                var first = new TaskCompletionSource();
                int runs = w.Run(first.Task, null);
                runs += w.Run(Task.CompletedTask, first); // the second invocation: its own load, and the first's completes inside it
                return runs;
            }
        }
        """;

    [Fact]
    public void The_late_event_of_a_call_left_pending_stays_with_its_own_invocation_and_is_reported()
    {
        Assembly assembly = TestCompiler.GenerateAndLoad(TestCompiler.Compile("UnawaitedInSyncScope", null, ("UnawaitedInSyncScope.cs", Source)), out GeneratorRun run);
        Assert.Contains("ScopeInstance.Held(vyprInner0)", run.GeneratedSource, System.StringComparison.Ordinal);
        string name = nameof(The_late_event_of_a_call_left_pending_stays_with_its_own_invocation_and_is_reported);
        using var scope = TestScope.Begin(name);

        Assert.Equal(2, TestCompiler.RunProgram(assembly));

        IReadOnlyList<VerdictInfo> verdicts = scope.CollectVerdicts();
        TestReport report = TestReport.Collect(scope, ViolationPolicy.Report);
        VerdictInfo second = Assert.Single(verdicts, v => MonitoredProgram.SpecificationOf(v).Key == "P:Specs.UnawaitedLoads");
        Assert.Equal(32, MonitoredProgram.SiteOf(second).Line);
        Assert.True(report.Warnings.Any(w => w.Contains("P:Specs.UnawaitedLoads", System.StringComparison.Ordinal) && w.Contains("1 record came after it had ended", System.StringComparison.Ordinal)), "warnings: " + string.Join("\n", report.Warnings));
    }
}

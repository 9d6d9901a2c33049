using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vypr.Contracts;
using Vypr.Generators.Tests.Harness;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// Thousands of rounds of concurrent invocations of scoped methods (Task.WhenAll, thread-pool threads,
/// Parallel.ForEachAsync, nested and recursive scopes), each with a known number of events. Every invocation must
/// give exactly its verdicts: the totals are exact, and each specification compares what one invocation saw with that
/// invocation's own parameters, so events of two invocations mixed into one binding would show as violations.
/// VYPR_STRESS_ROUNDS (default 2000) sets the rounds.
/// </summary>
public sealed class ConcurrencyStressTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Vypr;

        public static class Specs
        {
            // Issue 16's program: u = await NameAsync(n) under Changes.Of("u"), two invocations started together.
            [PerformanceSpecification]
            public static Specification Names => Specification.For<Worker>(nameof(Worker.RunAsync))
                .Forall("n0", Changes.Of("n"))
                .Forall("q", Changes.Of("u").After("n0"))
                .Check((n0, q) => q.Value().Length() == n0.Value());

            [PerformanceSpecification]
            public static Specification Steps => Specification.For<Worker>(nameof(Worker.Steps))
                .Forall("c", Calls.To<Worker>(nameof(Worker.Step)))
                .Forall("k0", Changes.Of("k"))
                .Check((c, k0) => c.Argument("i") < k0.Value());

            [PerformanceSpecification]
            public static Specification Depths => Specification.For<Worker>(nameof(Worker.Recurse))
                .Forall("c", Calls.OfScope())
                .Check(c => c.Result() == c.Argument("depth"));

            [PerformanceSpecification]
            public static Specification Outer => Specification.For<Worker>(nameof(Worker.OuterAsync))
                .Forall("s", Calls.To<Worker>(nameof(Worker.Steps)))
                .Check(s => s.Argument("k") == 2);
        }

        public sealed class Worker
        {
            public async Task<string> NameAsync(int n) { await Task.Yield(); return new string('u', n); }

            public async Task<int> RunAsync(int n)
            {
                string u = await NameAsync(n);
                return u.Length;
            }

            public int Step(int i) => i;

            public async Task Steps(int k)
            {
                for (int i = 0; i < k; i++)
                {
                    Step(i);
                    if (i % 2 == 0) await Task.Yield();
                }
            }

            public async Task<int> Recurse(int depth)
            {
                if (depth == 0) return 0;
                await Task.Yield();
                return 1 + await Recurse(depth - 1);
            }

            public async Task<int> OuterAsync()
            {
                await Steps(2);
                return await RunAsync(4);
            }
        }

        public static class Program
        {
            public static async Task Run(int rounds)
            {
                var w = new Worker();
                for (int round = 0; round < rounds; round++)
                {
                    int n = 5 + round % 7;
                    await Task.WhenAll(w.RunAsync(n), w.RunAsync(n + 1));
                    await Task.WhenAll(Task.Run(() => w.RunAsync(n + 2)), Task.Run(() => w.RunAsync(n + 3)));
                    await Parallel.ForEachAsync(Enumerable.Range(0, 4), async (i, _) => await w.Steps(2 + i));
                    await Task.WhenAll(w.Recurse(3), Task.Run(() => w.Recurse(2)), w.Recurse(1));
                    await w.OuterAsync();
                }
            }
        }
        """;

    [Fact]
    public async System.Threading.Tasks.Task Concurrent_nested_and_recursive_invocations_each_give_exactly_their_verdicts()
    {
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("VYPR_STRESS_ROUNDS"), CultureInfo.InvariantCulture, out int r) ? r : 2000;
        var input = TestCompiler.Compile("ConcurrencyStress", null, ("ConcurrencyStress.cs", Source));
        var assembly = TestCompiler.GenerateAndLoad(input, out _);
        using var scope = TestScope.Begin(nameof(Concurrent_nested_and_recursive_invocations_each_give_exactly_their_verdicts));
        var run = (System.Threading.Tasks.Task)assembly.GetType("Program")!.GetMethod("Run")!.Invoke(null, [rounds])!;
        await run;

        IReadOnlyList<VerdictInfo> kept = scope.CollectVerdicts();
        Dictionary<string, (long Calls, long Violations, long Threw)> totals = scope.CollectSummaries()
            .GroupBy(s => MonitorRegistry.Specification(MonitorRegistry.CallSite(s.CallSiteId).SpecificationId).Key)
            .ToDictionary(g => g.Key, g => (g.Sum(s => (long)s.Calls), g.Sum(s => (long)s.Violations), g.Sum(s => (long)s.Threw)));

        // Per round: 4 RunAsync + 1 inside OuterAsync; Steps(2..5) = 14 steps + Steps(2) inside OuterAsync = 16;
        // Recurse(3), (2), (1) begin 4 + 3 + 2 invocations; one OuterAsync.
        var expected = new Dictionary<string, long>
        {
            ["P:Specs.Names"] = 5L * rounds,
            ["P:Specs.Steps"] = 16L * rounds,
            ["P:Specs.Depths"] = 9L * rounds,
            ["P:Specs.Outer"] = 1L * rounds,
        };
        foreach ((string key, long count) in expected)
        {
            Assert.True(totals.TryGetValue(key, out var total), $"no verdicts for {key}");
            Assert.True(count == total.Calls, $"{key}: {total.Calls} verdicts for {count} bindings");
            Assert.True(total.Violations == 0, $"{key}: {total.Violations} violations; first: {kept.FirstOrDefault(v => !v.Value)?.Observations[0]}");
            Assert.Equal(0, total.Threw);
        }
    }
}

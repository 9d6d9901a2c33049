using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests.Scopes;

/// <summary>
/// Invocations of synchronous scoped methods are current on their thread and pooled, so they allocate nothing; every
/// invocation must still give exactly its own verdicts, whatever runs beside it (see <see cref="SynchronousScopeSpecifications"/>).
/// </summary>
public sealed class SynchronousScopeTests
{
    [Fact]
    public void A_synchronous_scoped_method_allocates_nothing_per_invocation()
    {
        using TestScope scope = TestScope.Begin("allocation-free scopes");

        // 100 rounds of 3 invocations write about 1,900 records, less than one ring: the thread does not drain it
        // (turning records into kept verdicts allocates, off the hot path).
        long Loop()
        {
            RuntimeMonitor.Drain();
            long before = GC.GetAllocatedBytesForCurrentThread();
            int sum = 0;
            for (int i = 0; i < 100; i++)
            {
                sum += SynchronousScopes.Steps(3);
                sum += SynchronousScopes.Recurse(2);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(sum > 0);
            return allocated;
        }

        Loop();
        Loop();
        Assert.Equal(0, Loop());

        Dictionary<string, long> totals = Totals(scope);
        Assert.Equal(3 * 3 * 100, totals["P:Vypr.Runtime.Tests.Scopes.SynchronousScopeSpecifications.StepsBelowK"]);
        Assert.Equal(3 * 5 * 100, totals["P:Vypr.Runtime.Tests.Scopes.SynchronousScopeSpecifications.Depths"]);
        Assert.DoesNotContain(scope.CollectVerdicts(), v => !v.Value);
    }

    [Fact]
    public async Task Invocations_on_many_threads_nested_recursive_throwing_and_beside_Task_Run_each_give_exactly_their_verdicts()
    {
        const int Rounds = 400;
        using TestScope scope = TestScope.Begin("synchronous scopes under concurrency");
        var expected = new Dictionary<string, long>();
        void Expect(string name, long count) => expected[name] = expected.GetValueOrDefault(name) + count;

        // Per round i: Steps(k1) gives k1 bindings; StepsAroundTaskRun(k2) gives k2 (its lambda's Step(1000) is not
        // in the scope) and its lambda's Steps(k2) k2 more; Recurse(d) begins 2d + 1 invocations; Outer() one nested
        // call of Steps(2) (2 bindings) and StepsAroundTaskRun(2) (2 + 2); StepsThenThrow(k3) k3; StepsAsync(k4) k4
        // and two Steps(1).
        for (int i = 0; i < Rounds; i++)
        {
            int k1 = i % 5 + 1, k2 = i % 4 + 1, d = i % 4, k3 = i % 3 + 1, k4 = i % 3 + 1;
            Expect("StepsBelowK", k1 + k2 + 2 + 2 + 2);
            Expect("AroundTaskRun", k2 + 2);
            Expect("Depths", 2 * d + 1);
            Expect("Nested", 1);
            Expect("Throwing", k3);
            Expect("AsyncSteps", k4);
        }

        Task[] asynchronous = new Task[Rounds];
        Parallel.For(0, Rounds, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            int k1 = i % 5 + 1, k2 = i % 4 + 1, d = i % 4, k3 = i % 3 + 1, k4 = i % 3 + 1;
            asynchronous[i] = SynchronousScopes.StepsAsync(k4);
            Assert.Equal(k1 * (k1 + 1) / 2, SynchronousScopes.Steps(k1));
            Assert.True(SynchronousScopes.StepsAroundTaskRun(k2) > 0);
            Assert.Equal(d, SynchronousScopes.Recurse(d));
            Assert.True(SynchronousScopes.Outer() > 0);
            Assert.Throws<InvalidOperationException>(() => SynchronousScopes.StepsThenThrow(k3));
        });
        await Task.WhenAll(asynchronous);

        Dictionary<string, long> totals = Totals(scope);
        foreach ((string name, long count) in expected)
        {
            string key = "P:Vypr.Runtime.Tests.Scopes.SynchronousScopeSpecifications." + name;
            Assert.True(totals.TryGetValue(key, out long total), $"no verdicts for {name}");
            Assert.True(count == total, $"{name}: {total} verdicts for {count} bindings");
        }

        VerdictInfo? violation = scope.CollectVerdicts().FirstOrDefault(v => !v.Value);
        Assert.True(violation is null, $"a violation: {violation?.Observations.FirstOrDefault()}");
    }

    private static Dictionary<string, long> Totals(TestScope scope) => scope.CollectSummaries()
        .GroupBy(s => MonitorRegistry.Specification(MonitorRegistry.CallSite(s.CallSiteId).SpecificationId).Key)
        .ToDictionary(g => g.Key, g => g.Sum(s => s.Calls));
}

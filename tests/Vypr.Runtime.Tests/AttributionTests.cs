using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests;

/// <summary>Verdicts go to the test that caused them: across threads, async flows, nesting and a full buffer.</summary>
public sealed class AttributionTests
{
    [Fact]
    public void Sixteen_threads_each_get_exactly_their_own_verdicts()
    {
        const int threads = 16;
        // More calls per thread than a thread buffer holds, so writers hit the full-ring path while others drain.
        const int callsPerThread = ThreadCallBuffer.Capacity + 1000;
        var barrier = new Barrier(threads);
        var results = new (int ThreadId, IReadOnlyList<VerdictInfo> Verdicts, IReadOnlyList<CallSiteSummary> Summaries)[threads];
        Thread[] workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            using var scope = TestScope.Begin($"thread-{i}");
            barrier.SignalAndWait();
            for (int call = 0; call < callsPerThread; call++)
            {
                Workload.Compute(call);
            }

            results[i] = (Environment.CurrentManagedThreadId, scope.CollectVerdicts(), scope.CollectSummaries());
        })).ToArray();

        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        foreach ((int threadId, IReadOnlyList<VerdictInfo> verdicts, IReadOnlyList<CallSiteSummary> summaries) in results)
        {
            Assert.Equal(callsPerThread, Assert.Single(summaries).Calls);
            Assert.Equal(VerdictRetention.DefaultSatisfiedPerSite, verdicts.Count);
            Assert.All(verdicts, v => Assert.Equal(threadId, v.ThreadId));
            Assert.All(verdicts, v => Assert.True(v.Value));
            Assert.Single(verdicts.Select(v => v.CallSiteId).Distinct());
        }

        Assert.Equal(threads, results.Select(r => r.Verdicts[0].TestId).Distinct().Count());
    }

    [Fact]
    public async Task Parallel_async_flows_and_nested_scopes_keep_their_verdicts_apart()
    {
        async Task<(TestScope Scope, IReadOnlyList<VerdictInfo> Verdicts, IReadOnlyList<VerdictInfo> Nested)> RunTest(string name, int children)
        {
            using TestScope scope = TestScope.Begin(name);
            IReadOnlyList<VerdictInfo> nested = [];
            var tasks = Enumerable.Range(0, children).Select(async child =>
            {
                await Workload.DelayAsync(5);
                await Task.Run(() => Workload.Compute(child));
            }).ToList();

            tasks.Add(Task.Run(async () =>
            {
                using TestScope inner = TestScope.Begin(name + "/inner");
                await Workload.DelayAsync(1);
                Workload.Compute(-1);
                nested = inner.CollectVerdicts();
            }));

            await Task.WhenAll(tasks);
            Workload.Compute(-2);
            return (scope, scope.CollectVerdicts(), nested);
        }

        var results = await Task.WhenAll(RunTest("a", 10), RunTest("b", 7));

        Assert.Equal((10 * 2) + 1, results[0].Verdicts.Count);
        Assert.Equal((7 * 2) + 1, results[1].Verdicts.Count);
        Assert.All(results, r => Assert.Equal(2, r.Nested.Count));
        Assert.All(results, r => Assert.All(r.Verdicts, v => Assert.Equal(r.Scope.Id, v.TestId)));
        Assert.All(results, r => Assert.All(r.Nested, v => Assert.NotEqual(r.Scope.Id, v.TestId)));
    }

    [Fact]
    public void Calls_outside_any_test_are_not_attributed_to_one()
    {
        using TestScope scope = TestScope.Begin("outside");
        var outside = new Thread(() => Workload.Compute(7));
        outside.Start();
        outside.Join();

        // ExecutionContext flows into a new thread: suppress it to make a call that truly belongs to no test.
        using (ExecutionContext.SuppressFlow())
        {
            var detached = new Thread(() => Workload.Compute(8));
            detached.Start();
            detached.Join();
        }

        Assert.Single(scope.CollectVerdicts());
        RuntimeMonitor.Drain();
        Assert.Contains(RuntimeMonitor.Snapshot("tests").Verdicts, v => v.TestId == 0);
    }

    [Fact]
    public void Ending_a_scope_stops_attribution_and_records_the_outcome()
    {
        TestScope scope = TestScope.Begin("ends");
        Workload.Compute(1);
        scope.End("Passed");
        Workload.Compute(2);

        Assert.Null(TestScope.Current);
        Assert.Single(scope.CollectVerdicts());
        TestInfo test = RuntimeMonitor.Snapshot("tests").Tests.Single(t => t.Id == scope.Id);
        Assert.Equal("Passed", test.Outcome);
        Assert.NotNull(test.EndedAt);
    }
}

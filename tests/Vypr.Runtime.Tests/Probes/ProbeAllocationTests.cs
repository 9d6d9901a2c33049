using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.Runtime.Tests.Probes;

/// <summary>
/// The probe's hot path allocates nothing, in every shape the generator weaves: counted with the thread's allocation
/// counter around a loop of monitored calls (never timed). The loop stays below one ring of records, so the thread
/// does not drain its own ring (turning records into kept verdicts allocates, off the hot path).
/// </summary>
public sealed class ProbeAllocationTests
{
    private const int Calls = 200;

    [Fact]
    public void Monitored_calls_of_every_shape_allocate_nothing()
    {
        using TestScope scope = TestScope.Begin("allocation-free probes");
        IMeasuredRule rule = new MeasuredRule();

        // The first calls register the thread's ring and compile the interceptors.
        long Loop()
        {
            RuntimeMonitor.Drain();
            long before = GC.GetAllocatedBytesForCurrentThread();
            int sum = 0;
            for (int i = 0; i < Calls; i++)
            {
                sum += AllocationFreeWorkload.Sync(i);
                sum += AllocationFreeWorkload.CompletedAsync().IsCompleted ? 1 : 0;
                sum += AllocationFreeWorkload.CompletedWithResultAsync().Result;
                sum += AllocationFreeWorkload.CompletedValueAsync(i).Result;
                sum += rule.Check(i);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(sum > 0);
            return allocated;
        }

        Loop();
        Loop();
        Assert.Equal(0, Loop());

        // The calls were recorded: each shape's call site has its verdicts.
        IReadOnlyList<Contracts.VerdictInfo> verdicts = scope.CollectVerdicts();
        Assert.Equal(5, verdicts.Select(v => v.CallSiteId).Distinct().Count());
        Assert.Equal(5 * 3 * Calls, scope.CollectSummaries().Sum(s => s.Calls));
    }
}

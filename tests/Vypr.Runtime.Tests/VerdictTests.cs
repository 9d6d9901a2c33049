using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests;

/// <summary>What a verdict says about a call: value, duration, severity, the observation, and calls that throw.</summary>
public sealed class VerdictTests
{
    [Fact]
    public void A_violation_carries_the_observation_that_decided_it()
    {
        using TestScope scope = TestScope.Begin("violation");
        Workload.AlwaysTooSlow(3);

        VerdictInfo verdict = scope.CollectVerdicts().Single(v => Specification(v).BoundNanoseconds == 1);
        Assert.False(verdict.Value);
        Assert.True(verdict.DurationNanoseconds > 1);
        Assert.Equal(1 - verdict.DurationNanoseconds, verdict.Severity);
        ObservationInfo observation = Assert.Single(verdict.Observations);
        Assert.Equal(("duration", "ns", "<= 1ns", false), (observation.Term, observation.Unit, observation.Condition, observation.Satisfied));
        Assert.Equal(verdict.DurationNanoseconds, observation.Value);
        Assert.Contains("AlwaysTooSlow", VerdictText.Describe(verdict));
        Assert.Contains("over", VerdictText.Describe(verdict));
    }

    [Fact]
    public async Task Calls_that_throw_or_fault_still_get_verdicts()
    {
        using TestScope scope = TestScope.Begin("throws");
        Assert.Throws<InvalidOperationException>(() => Workload.Throw("sync"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Workload.FailLaterAsync());
        using var cancellation = new System.Threading.CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        await Assert.ThrowsAsync<TaskCanceledException>(() => Workload.WaitUntilCancelledAsync(cancellation.Token));

        IReadOnlyList<VerdictInfo> verdicts = scope.CollectVerdicts();
        Assert.Equal(3, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Threw));
        Assert.Contains("ended by an exception", VerdictText.Describe(verdicts[0]));
    }

    [Fact]
    public void Recursive_calls_get_one_verdict_each_and_never_mix_their_timings()
    {
        using TestScope scope = TestScope.Begin("recursion");
        int result = Workload.Fibonacci(10);

        IReadOnlyList<VerdictInfo> verdicts = scope.CollectVerdicts();
        Assert.Equal(55, result);
        Assert.Equal(177, verdicts.Count); // Fibonacci(10) makes 177 calls in all.

        // The outermost call ends last and encloses every other one.
        VerdictInfo outermost = verdicts[^1];
        Assert.All(verdicts, v => Assert.True(v.DurationNanoseconds <= outermost.DurationNanoseconds));
        Assert.All(verdicts, v => Assert.True(v.StartedAt >= outermost.StartedAt));
        Assert.Equal(verdicts.Count, verdicts.Select(v => v.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task Async_calls_last_until_their_task_completes()
    {
        using TestScope scope = TestScope.Begin("async");
        await Workload.DelayAsync(40);

        VerdictInfo verdict = Assert.Single(scope.CollectVerdicts());
        Assert.True(verdict.DurationNanoseconds >= 35_000_000, $"{verdict.DurationNanoseconds} ns");
    }

    [Fact]
    public void Sinks_receive_each_verdict_once()
    {
        var sink = new CollectingSink();
        RuntimeMonitor.AddSink(sink);
        using TestScope scope = TestScope.Begin("sink");
        for (int i = 0; i < 100; i++)
        {
            Workload.Compute(i);
        }

        IReadOnlyList<VerdictInfo> verdicts = scope.CollectVerdicts();
        RuntimeMonitor.Drain();

        VerdictInfo[] received = sink.Received.Where(v => v.TestId == scope.Id).ToArray();
        Assert.Equal(verdicts.Select(v => v.Sequence), received.Select(v => v.Sequence));
    }

    private static SpecificationInfo Specification(VerdictInfo verdict) => MonitorRegistry.Specification(verdict.SpecificationId);

    private sealed class CollectingSink : IVerdictSink
    {
        private readonly List<VerdictInfo> _received = [];

        public IReadOnlyList<VerdictInfo> Received
        {
            get
            {
                lock (_received)
                {
                    return _received.ToArray();
                }
            }
        }

        public void Publish(IReadOnlyList<VerdictInfo> verdicts)
        {
            lock (_received)
            {
                _received.AddRange(verdicts);
            }
        }
    }
}

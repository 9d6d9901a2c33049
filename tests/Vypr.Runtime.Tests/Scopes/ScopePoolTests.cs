using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests.Scopes;

/// <summary>
/// A thread's on-thread invocations come from a pool of four whose slots keep their references once taken (only the
/// slots below the free count are free), so that an instance released into the slot it came from stores nothing.
/// Seeded random runs on one thread of recursions deeper than the pool (each level an invocation, the pool exhausted
/// and refilled), of scopes that throw and of plain ones must give every invocation exactly its own verdicts: an
/// instance handed out while still in use would mix two invocations' events (a depth's result against another's
/// argument) or lose them.
/// </summary>
public sealed class ScopePoolTests
{
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Invocations_deeper_than_the_pool_throwing_and_plain_each_give_exactly_their_verdicts(int seed)
    {
        using TestScope scope = TestScope.Begin($"scope pool {seed}");
        var random = new Random(seed);
        long depths = 0, steps = 0, throwing = 0;
        for (int i = 0; i < 300; i++)
        {
            switch (random.Next(3))
            {
                case 0:
                    int depth = random.Next(0, 10);
                    Assert.Equal(depth, SynchronousScopes.Recurse(depth));
                    depths += (2 * depth) + 1;
                    break;
                case 1:
                    int k = random.Next(1, 6);
                    Assert.Equal(k * (k + 1) / 2, SynchronousScopes.Steps(k));
                    steps += k;
                    break;
                default:
                    int thrown = random.Next(1, 4);
                    Assert.Throws<InvalidOperationException>(() => SynchronousScopes.StepsThenThrow(thrown));
                    throwing += thrown;
                    break;
            }
        }

        Dictionary<string, long> totals = scope.CollectSummaries()
            .GroupBy(s => MonitorRegistry.Specification(MonitorRegistry.CallSite(s.CallSiteId).SpecificationId).Key)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Calls));
        const string Prefix = "P:Vypr.Runtime.Tests.Scopes.SynchronousScopeSpecifications.";
        Assert.Equal(depths, totals.GetValueOrDefault(Prefix + "Depths"));
        Assert.Equal(steps, totals.GetValueOrDefault(Prefix + "StepsBelowK"));
        Assert.Equal(throwing, totals.GetValueOrDefault(Prefix + "Throwing"));
        VerdictInfo? violation = scope.CollectVerdicts().FirstOrDefault(v => !v.Value);
        Assert.True(violation is null, $"a violation: {violation?.Observations.FirstOrDefault()}");
        Assert.Empty(RuntimeMonitor.OpenInvocationWarning(scope.Id));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests.Probes;

/// <summary>
/// The <c>[MaxDuration]</c> drain keeps the site and statistics of its last call and looks them up again only when a
/// call of another test or site comes. Calls of two tests and three sites in a seeded random order on one thread (one
/// ring, so mostly one drain) must each count at their own test and site: statistics keyed by the site alone, or by
/// the test alone, would mix them.
/// </summary>
public sealed class InterleavedDrainTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Calls_of_two_tests_and_three_sites_in_any_order_count_at_their_own_test_and_site(int seed)
    {
        (ExecutionContext first, TestScope firstTest) = TestContexts.OfNewTest($"Vypr.Runtime.Tests.InterleavedDrain.First{seed}");
        (ExecutionContext second, TestScope secondTest) = TestContexts.OfNewTest($"Vypr.Runtime.Tests.InterleavedDrain.Second{seed}");
        var random = new Random(seed);

        // Per test: direct calls of Compute, and calls of AlwaysTooSlow (each a violation, with a call of Compute inside
        // it at a third site); runs of one kind, of random lengths, as loops make them.
        int[] fast = new int[2];
        int[] slow = new int[2];
        for (int calls = 0; calls < 3_000;)
        {
            int test = random.Next(2);
            bool tooSlow = random.Next(3) == 0;
            int run = random.Next(1, 6);
            ExecutionContext.Run(test == 0 ? first : second, _ =>
            {
                for (int i = 0; i < run; i++)
                {
                    _ = tooSlow ? Workload.AlwaysTooSlow(i) : Workload.Compute(i);
                }
            }, null);
            (tooSlow ? slow : fast)[test] += run;
            calls += run;
        }

        Check(firstTest, fast[0], slow[0]);
        Check(secondTest, fast[1], slow[1]);
        firstTest.Dispose();
        secondTest.Dispose();
    }

    private static void Check(TestScope test, int fast, int slow)
    {
        IReadOnlyList<CallSiteSummary> summaries = test.CollectSummaries();
        IReadOnlyList<VerdictInfo> verdicts = test.CollectVerdicts();

        Assert.All(summaries, s => Assert.Equal(test.Id, s.TestId));
        Assert.Equal(fast + slow, summaries.Where(s => s.Violations == 0).Sum(s => s.Calls));
        CallSiteSummary tooSlow = Assert.Single(summaries, s => s.Violations > 0);
        Assert.Equal((slow, slow), ((int)tooSlow.Calls, (int)tooSlow.Violations));
        Assert.Equal(3, summaries.Count);
        Assert.Equal(slow, verdicts.Count(v => !v.Value));
        Assert.All(verdicts, v => Assert.Equal(test.Id, v.TestId));
        foreach (CallSiteSummary site in summaries)
        {
            Assert.Equal(Math.Min(site.Calls - site.Violations, VerdictRetention.SatisfiedPerSite), verdicts.Count(v => v.Value && v.CallSiteId == site.CallSiteId));
        }
    }
}

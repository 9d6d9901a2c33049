using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests.Runs;

/// <summary>
/// A test's statistics, kept sorted by call site in its record, are what a dictionary of accumulators sorted at the
/// end gives, whatever the order and repetition of the sites its calls reach.
/// </summary>
public sealed class TestRecordTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Statistics_by_call_site_match_a_sorted_dictionary(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 50; round++)
        {
            var record = new TestRecord(round + 1);
            var expected = new Dictionary<int, List<(long Duration, bool Satisfied, bool Threw)>>();
            int sites = random.Next(0, round < 25 ? 6 : 200);
            int span = random.Next(1, 3) == 1 ? sites + 1 : int.MaxValue;
            int[] ids = Enumerable.Range(0, sites).Select(_ => random.Next(1, Math.Max(2, span))).ToArray();
            for (int call = 0, calls = random.Next(0, 400); call < calls && ids.Length > 0; call++)
            {
                int site = ids[random.Next(ids.Length)];
                long duration = random.Next(3) == 0 ? random.NextInt64(0, 1_000_000_000_000) : random.Next(0, 100);
                bool satisfied = random.Next(4) != 0;
                bool threw = random.Next(10) == 0;
                CallSiteAccumulator accumulator = record.Accumulator(site, out bool created);
                Assert.Equal(!expected.ContainsKey(site), created);
                Assert.Equal((round + 1, site), (accumulator.TestId, accumulator.CallSiteId));
                accumulator.Add(duration, satisfied, threw);
                if (!expected.TryGetValue(site, out List<(long, bool, bool)>? ofSite))
                {
                    expected[site] = ofSite = [];
                }

                ofSite.Add((duration, satisfied, threw));
            }

            CallSiteSummary[] summaries = record.Summaries();
            Assert.Equal(expected.Keys.Order(), summaries.Select(s => s.CallSiteId));
            foreach (CallSiteSummary summary in summaries)
            {
                List<(long Duration, bool Satisfied, bool Threw)> calls = expected[summary.CallSiteId];
                Assert.Equal(
                    new CallSiteSummary(
                        round + 1,
                        summary.CallSiteId,
                        calls.Count,
                        calls.Count(c => !c.Satisfied),
                        calls.Count(c => c.Threw),
                        calls.Min(c => c.Duration),
                        calls.Max(c => c.Duration),
                        calls.Sum(c => c.Duration)),
                    summary);
            }
        }
    }

    [Fact]
    public void A_test_started_again_with_its_id_forgets_its_end()
    {
        var record = new TestRecord(7);
        record.Start("first", DateTimeOffset.UnixEpoch);
        record.End(DateTimeOffset.UnixEpoch.AddSeconds(1), "Passed", null);
        record.Start("second", DateTimeOffset.UnixEpoch.AddSeconds(2));
        Assert.Equal(new TestInfo(7, "second", DateTimeOffset.UnixEpoch.AddSeconds(2), null, null), record.ToInfo());
    }
}

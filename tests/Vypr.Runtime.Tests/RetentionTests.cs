using System.Linq;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests;

/// <summary>A method called in a tight loop costs bounded memory, and its statistics stay exact.</summary>
public sealed class RetentionTests
{
    [Fact]
    public void Satisfied_verdicts_beyond_the_limit_are_counted_not_kept_and_violations_are_all_kept()
    {
        using TestScope scope = TestScope.Begin("retention");
        for (int i = 0; i < 5_000; i++)
        {
            Workload.Compute(i);
        }

        for (int i = 0; i < 1_500; i++)
        {
            Workload.AlwaysTooSlow(i);
        }

        var verdicts = scope.CollectVerdicts();
        var summaries = scope.CollectSummaries();

        // AlwaysTooSlow calls Compute inside it, so Compute runs 6,500 times at two call sites.
        Assert.Equal(6_500, summaries.Where(s => s.Violations == 0).Sum(s => s.Calls));
        CallSiteSummary slow = Assert.Single(summaries, s => s.Violations > 0);
        Assert.Equal((1_500L, 1_500L), (slow.Calls, slow.Violations));
        Assert.Equal(1_500, verdicts.Count(v => !v.Value));
        Assert.Equal(2 * VerdictRetention.DefaultSatisfiedPerSite, verdicts.Count(v => v.Value));
        Assert.All(summaries, s => Assert.True(s.MinNanoseconds <= s.TotalNanoseconds / s.Calls && s.TotalNanoseconds / s.Calls <= s.MaxNanoseconds));
    }

    [Theory]
    [InlineData(null, 1000L)]
    [InlineData("", 1000L)]
    [InlineData("0", 0L)]
    [InlineData("25", 25L)]
    [InlineData("all", long.MaxValue)]
    [InlineData("ALL", long.MaxValue)]
    [InlineData("-3", 1000L)]
    [InlineData("lots", 1000L)]
    public void The_limit_is_read_from_the_environment(string? value, long expected)
    {
        Assert.Equal(expected, VerdictRetention.Read(value));
    }
}

using System;
using System.Linq;
using Vypr.Cli.Report;
using Vypr.Contracts.Reads;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>What <c>vypr report</c> says when it shows only part of a run's violations.</summary>
public sealed class StoredRunWriterTests
{
    [Fact]
    public void Text_and_Markdown_both_say_how_many_violations_of_how_many_are_shown()
    {
        DateTimeOffset started = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var run = new RunItem(Guid.NewGuid(), "p", "Tests", "abc", "main", null, "host", ".NET", started, started.AddSeconds(3), false, null);
        StoredViolation[] shown = [.. Enumerable.Range(0, 11).Select(i => new StoredViolation("Guard.Null<T>(T)", "MaxDuration(\"1us\")", "/src/Guard.cs", 10 + i, 5, "Tests.T" + i, 3_000 + i, 1_000))];
        var stored = new StoredRun(run, [], [new MethodStatistics("Guard.Null<T>(T)", "MaxDuration(\"1us\")", 400, 21, 0, 40_000, 900)], 21, shown);

        Assert.Contains("Violations (21, the first 11 shown):", StoredRunWriter.Text(stored), StringComparison.Ordinal);
        string markdown = StoredRunWriter.Markdown(stored);
        Assert.Contains("### Violations (21, the first 11 shown)", markdown, StringComparison.Ordinal);
        Assert.Contains("| Guard.Null&lt;T&gt;(T) | MaxDuration(\"1us\") | 400 | 21 | 0 |", markdown, StringComparison.Ordinal);
    }
}

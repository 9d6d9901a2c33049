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

    [Fact]
    public void A_violated_formula_is_shown_with_its_specification_and_no_bound_of_0ns()
    {
        // Found trying Vypr on FluentValidation (docs/trials/fluentvalidation.md): a fluent specification's violation
        // has no one duration bound (0 in the store), and the report said "bound 0ns" in both forms.
        DateTimeOffset started = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var run = new RunItem(Guid.NewGuid(), "p", "Tests", "abc", "main", null, "host", ".NET", started, started.AddSeconds(3), false, null);
        const string formula = "Forall(t = Calls(Regex.Replace)).Check(t.Duration() <= 5ms)";
        StoredViolation[] violations =
        [
            new("MessageFormatter.BuildMessage(string)", formula, "/src/MessageFormatter.cs", 78, 3, "Tests.T", 25_300_000, 0),
            new("MessageFormatter.BuildMessage(string)", "MaxDuration(\"5ms\")", "/src/MessageFormatter.cs", 78, 3, "Tests.T", 25_840_000, 5_000_000),
        ];
        var stored = new StoredRun(run, [], [], 2, violations);

        string text = StoredRunWriter.Text(stored);
        Assert.DoesNotContain("bound 0ns", text, StringComparison.Ordinal);
        Assert.Contains("in Tests.T: took 25.3ms\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("in Tests.T: took 25.84ms, bound 5ms (5.17x the bound)", text, StringComparison.Ordinal);

        string markdown = StoredRunWriter.Markdown(stored);
        Assert.Contains("| MessageFormatter.BuildMessage(string) | Forall(t = Calls(Regex.Replace)).Check(t.Duration() &lt;= 5ms) | /src/MessageFormatter.cs(78,3) | Tests.T | 25.3ms | - |", markdown, StringComparison.Ordinal);
        Assert.Contains("| MessageFormatter.BuildMessage(string) | MaxDuration(\"5ms\") | /src/MessageFormatter.cs(78,3) | Tests.T | 25.84ms | 5ms |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("0ns", markdown, StringComparison.Ordinal);
    }
}

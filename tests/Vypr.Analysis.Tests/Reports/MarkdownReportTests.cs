using System;
using Vypr.Analysis.Explanations;
using Vypr.Analysis.Reports;
using Xunit;

namespace Vypr.Analysis.Tests.Reports;

public sealed class MarkdownReportTests
{
    [Theory]
    [InlineData("Guard.Null<T>(IGuardClause, T)", "#### `Guard.Null<T>(IGuardClause, T)` ")]
    [InlineData("A.B(Dictionary<string, List<int>>)", "#### `A.B(Dictionary<string, List<int>>)` ")]
    [InlineData("Odd`1.M(x|y)", "#### ``Odd`1.M(x|y)`` ")]
    [InlineData("`Start", "#### `` `Start `` ")]
    [InlineData("Two\nLines", "#### `Two Lines` ")]
    public void A_method_in_a_code_span_is_written_as_it_is_since_nothing_inside_is_decoded(string method, string heading)
    {
        string markdown = MarkdownReport.Explanations([new Explanation(method, "MaxDuration(\"1ms\")", 10, 2, [])]);
        Assert.StartsWith(heading, markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", markdown, StringComparison.Ordinal);
    }
}

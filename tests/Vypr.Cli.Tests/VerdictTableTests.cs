using System;
using System.IO;
using System.Linq;
using Vypr.Cli.Run;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>
/// The terminal summary's verdicts table fits a terminal on a real suite: a campaign over CsvHelper's tests (431 woven
/// call sites) printed hundreds of rows, so the violation and the failed tests scrolled away (docs/trials/csvhelper.md).
/// </summary>
public sealed class VerdictTableTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vypr-cli-verdict-table-").FullName;

    [Theory]
    [InlineData(1, 0)]
    [InlineData(20, 1)]
    [InlineData(21, 0)]
    [InlineData(300, 1)]
    [InlineData(300, 25)]
    public void Every_violated_row_is_shown_and_the_satisfied_rows_are_capped_with_a_count_of_the_rest(int sites, int violatedSites)
    {
        CampaignReport report = Report(sites, violatedSites);
        var terminal = new StringWriter();
        TerminalSummary.Write(report, terminal);
        string[] lines = terminal.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

        string[] rows = [.. lines.Where(l => l.StartsWith("ok ", StringComparison.Ordinal) || l.StartsWith("VIOLATED ", StringComparison.Ordinal))];
        int expectedRows = Math.Max(Math.Min(sites, TerminalSummary.VerdictRows), violatedSites);
        Assert.Equal(expectedRows, rows.Length);
        for (int v = 0; v < violatedSites; v++)
        {
            Assert.Contains(rows, r => r.StartsWith("VIOLATED ", StringComparison.Ordinal) && r.Contains($"/src/Work.cs:{v + 1}:5", StringComparison.Ordinal));
        }

        int hidden = sites - expectedRows;
        string? more = lines.SingleOrDefault(l => l.Contains(" more row", StringComparison.Ordinal));
        if (hidden == 0)
        {
            Assert.Null(more);
            Assert.Contains("Verdicts:", lines);
        }
        else
        {
            Assert.NotNull(more);
            Assert.Contains($"... {hidden} more {(hidden == 1 ? "row" : "rows")}, none violated", more, StringComparison.Ordinal);
            Assert.Contains($"Verdicts: {expectedRows} of {sites} rows (every violated one", terminal.ToString(), StringComparison.Ordinal);

            // The satisfied rows shown are those of the longest calls: site N's longest call took N microseconds.
            int shownSatisfied = expectedRows - violatedSites;
            for (int site = sites; site > sites - shownSatisfied; site--)
            {
                Assert.Contains(rows, r => r.StartsWith("ok ", StringComparison.Ordinal) && r.Contains($"/src/Work.cs:{site}:5 ", StringComparison.Ordinal));
            }
        }

        // One verdict per call and specification: the iterations' table says verdicts, not calls.
        Assert.Contains(lines, l => l.StartsWith("iteration  input  tests  failed  verdicts  violations", StringComparison.Ordinal));
        Assert.Contains("| iteration | input | tests | failed | verdicts | violations |", MarkdownSummary.Write(report), StringComparison.Ordinal);
    }

    // One specification, `sites` call sites; site N's one call took N microseconds; the first `violatedSites` sites
    // violated their bound once.
    private CampaignReport Report(int sites, int violatedSites)
    {
        DateTimeOffset now = DateTimeOffset.UnixEpoch;
        var callSites = Enumerable.Range(1, sites).Select(n => new CallSiteInfo(n, 1, "/src/Work.cs", n, 5, "Tests.Caller", "Tests")).ToList();
        var summaries = Enumerable.Range(1, sites).Select(n => new CallSiteSummary(1, n, 1, n <= violatedSites ? 1 : 0, 0, n * 1_000L, n * 1_000L, n * 1_000L)).ToList();
        var verdicts = Enumerable.Range(1, violatedSites).Select(n => new VerdictInfo(n, 1, n, 1, 1, now, 2_000_000, false, -1_000_000, false, [])).ToList();
        var document = new RunDocument(
            RunDocument.CurrentSchema,
            new RunInfo(Guid.NewGuid(), "Tests", now, now.AddSeconds(1), "host", ".NET", null, null),
            [new SpecificationInfo(1, "M:Work.Step MaxDuration(\"1ms\")", "Work.Step()", "MaxDuration(\"1ms\")", 1_000_000)],
            callSites,
            [new TestInfo(1, "Tests.Step", now, now.AddMilliseconds(5), violatedSites > 0 ? "Failed" : "Passed")],
            verdicts)
        {
            Summaries = summaries,
        };
        string file = ResultsFile.Write(document, Path.Combine(directory, $"{sites}-{violatedSites}"));
        IterationResults iteration = IterationResults.Read(directory, new IterationRecord(1, null, [0], [Path.GetRelativePath(directory, file)], 1.0));
        return new CampaignReport("vypr.yml", directory, [iteration], 1, stoppedEarly: null);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

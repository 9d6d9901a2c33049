using System;
using System.IO;
using Vypr.Cli.Run;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>A specification that no call reached in any iteration is listed by every summary, never left out.</summary>
public sealed class UnreachedSpecificationTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vypr-cli-unreached-").FullName;

    [Fact]
    public void The_terminal_and_Markdown_summaries_name_the_specifications_no_call_reached()
    {
        DateTimeOffset now = DateTimeOffset.UnixEpoch;
        var document = new RunDocument(
            RunDocument.CurrentSchema,
            new RunInfo(Guid.NewGuid(), "Tests", now, now.AddSeconds(1), "host", ".NET", null, null),
            [
                new SpecificationInfo(1, "M:Work.Step MaxDuration(\"1ms\")", "Work.Step()", "MaxDuration(\"1ms\")", 1_000_000),
                new SpecificationInfo(2, "P:Specs.InnerCalls", "Work.Outer()", "Forall(t = Calls(Inner)).Check(t.Duration() <= 1ms)", 0),
                new SpecificationInfo(3, "M:Work.Helper<T>(T) MaxDuration(\"5ms\")", "Work.Helper<T>(T)", "MaxDuration(\"5ms\")", 5_000_000),
            ],
            [new CallSiteInfo(1, 1, "/src/Work.cs", 3, 5, "Tests.Caller", "Tests")],
            [new TestInfo(1, "Tests.Step", now, now.AddMilliseconds(5), "Passed")],
            [new VerdictInfo(1, 1, 1, 1, 1, now, 300_000, true, 700_000, false, [])])
        {
            Summaries = [new CallSiteSummary(1, 1, 1, 0, 0, 300_000, 300_000, 300_000)],
        };
        string file = ResultsFile.Write(document, Path.Combine(directory, "1"));
        IterationResults iteration = IterationResults.Read(directory, new IterationRecord(1, null, [0], [Path.GetRelativePath(directory, file)], 1.0));
        var report = new CampaignReport("vypr.yml", directory, [iteration], 1, stoppedEarly: null);

        Assert.Equal(new[] { "S2", "S3" }, report.NotReached);
        var terminal = new StringWriter();
        TerminalSummary.Write(report, terminal);
        Assert.Contains("Not reached by any call: S2, S3", terminal.ToString(), StringComparison.Ordinal);
        Assert.Contains("Forall(t = Calls(Inner))", terminal.ToString(), StringComparison.Ordinal);
        string markdown = MarkdownSummary.Write(report);
        Assert.Contains("Not reached by any call: S2, S3", markdown, StringComparison.Ordinal);
        Assert.Contains("- S3: `MaxDuration(\"5ms\") on Work.Helper<T>(T)`", markdown, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

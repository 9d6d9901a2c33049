using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Vypr.Cli.Run;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>
/// Whatever text a results file may carry (control characters, markup, table syntax, newlines, surrogate pairs,
/// huge texts) in test names, specifications, call sites and inputs, the JUnit XML stays well-formed XML and each
/// Markdown table row stays one row.
/// </summary>
public sealed class ReportTextTests : IDisposable
{
    private static readonly string[] s_texts =
    [
        "plain",
        "<tag attr=\"x\">&amp; & ' \"</tag>",
        "a | b || c",
        "line\nbreak\r\nand\rreturn",
        "control \u0001\u0008\u000B\u000C\u001F\u007F end",
        "pair \U0001F600 and \uFFFE \uFFFF",
        "back`tick``s",
        new string('x', 20_000),
        string.Empty,
        " ",
        "]]> cdata end",
    ];

    private readonly string directory = Directory.CreateTempSubdirectory("vypr-cli-reports-").FullName;

    [Fact]
    public void Reports_of_any_text_are_well_formed()
    {
        var random = new Random(12);
        var iterations = s_texts.Select((text, i) => Iteration(i + 1, text, s_texts[random.Next(s_texts.Length)])).ToList();
        var report = new CampaignReport("vypr.yml", directory, iterations, iterations.Count, stoppedEarly: null);

        string xml = JUnitReport.Write(report);
        Assert.Empty(JUnit.JUnitSchema.Errors(xml));
        XDocument junit = XDocument.Parse(xml);

        XElement[] suites = [.. junit.Root!.Elements("testsuite")];
        Assert.Equal(s_texts.Length, suites.Length);
        foreach ((XElement suite, string text) in suites.Zip(s_texts))
        {
            XElement testCase = Assert.Single(suite.Elements("testcase"));
            string expected = new([.. ("Tests." + text).Select(c => c is '\u0001' or '\u0008' or '\u000B' or '\u000C' or '\u001F' or '\uFFFE' or '\uFFFF' ? '\uFFFD' : c)]);
            string name = (string)testCase.Attribute("classname")! + "." + (string)testCase.Attribute("name")!;
            Assert.Equal(expected.Replace("\r\n", "\n").Replace('\r', '\n'), name.Replace("\r\n", "\n").Replace('\r', '\n').TrimStart('.'));
            Assert.Equal("PerformanceSpecificationViolation", (string)testCase.Element("failure")!.Attribute("type")!);
        }

        string markdown = MarkdownSummary.Write(report);
        string[] lines = markdown.Split('\n');
        Assert.Equal(s_texts.Length, lines.Count(l => l.StartsWith("| :x: |", StringComparison.Ordinal)));
        Assert.Equal(s_texts.Length, lines.Count(l => l.StartsWith("- S", StringComparison.Ordinal)));
        foreach (string row in lines.Where(l => l.StartsWith("| :x: |", StringComparison.Ordinal)))
        {
            // Seven cells: no unescaped pipe inside a cell.
            Assert.Equal(8, row.Replace("\\|", string.Empty).Count(c => c == '|'));
        }
    }

    private IterationResults Iteration(int number, string text, string input)
    {
        DateTimeOffset now = DateTimeOffset.UnixEpoch.AddDays(number);
        var document = new RunDocument(
            RunDocument.CurrentSchema,
            new RunInfo(Guid.NewGuid(), "Tests", now, now.AddSeconds(1), "host", ".NET", null, null),
            [new SpecificationInfo(1, "M:Work.Step " + text, "Work.Step(" + text + ")", "MaxDuration(\"1ms\") " + text, 1_000_000)],
            [new CallSiteInfo(1, 1, "/src/" + text + ".cs", 3, 5, "Tests.Caller", "Tests")],
            [new TestInfo(1, "Tests." + text, now, now.AddMilliseconds(5), "Failed")],
            [new VerdictInfo(1, 1, 1, 1, 1, now, 3_000_000, false, -2_000_000, false, [new ObservationInfo("duration", 3_000_000, "ns", "<= 1ms", false)])])
        {
            Summaries = [new CallSiteSummary(1, 1, 1, 1, 0, 3_000_000, 3_000_000, 3_000_000)],
        };
        string iterationDirectory = Path.Combine(directory, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        string file = ResultsFile.Write(document, iterationDirectory);
        return IterationResults.Read(directory, new IterationRecord(number, input, [1], [Path.GetRelativePath(directory, file)], 1.5));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

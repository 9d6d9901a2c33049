using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml;
using Vypr.Contracts;

namespace Vypr.Cli.Run;

/// <summary>
/// The campaign as JUnit XML, the form CI servers show as test results: one <c>testsuite</c> per iteration, one
/// <c>testcase</c> per test, and a test's violations as a <c>failure</c> of that test (a violation counts even when
/// <c>violations: Report</c> let the test pass).
/// </summary>
internal static class JUnitReport
{
    /// <summary>The report's file name in the campaign directory.</summary>
    public const string FileName = "junit.xml";

    private const string OutsideTests = "(outside any test)";

    /// <summary>Writes the report.</summary>
    /// <param name="report">The campaign's report.</param>
    /// <returns>The XML.</returns>
    public static string Write(CampaignReport report)
    {
        var suites = report.Iterations.Select(i => BuildSuite(report, i)).ToList();
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = true };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", Safe($"vypr run {report.ConfigFile}"));
            xml.WriteAttributeString("tests", Number(suites.Sum(s => s.Cases.Count)));
            xml.WriteAttributeString("failures", Number(suites.Sum(s => s.Cases.Count(c => c.Failure is not null))));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("time", Seconds(report.Iterations.Sum(i => i.Record.Seconds)));
            foreach (Suite suite in suites)
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", Safe(suite.Name));
                xml.WriteAttributeString("tests", Number(suite.Cases.Count));
                xml.WriteAttributeString("failures", Number(suite.Cases.Count(c => c.Failure is not null)));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("skipped", Number(suite.Cases.Count(c => c.Skipped)));
                xml.WriteAttributeString("time", Seconds(suite.Iteration.Record.Seconds));
                xml.WriteStartElement("properties");
                Property(xml, "iteration", Number(suite.Iteration.Record.Iteration));
                Property(xml, "input", suite.Iteration.Record.Input ?? string.Empty);
                xml.WriteEndElement();
                foreach (Case testCase in suite.Cases)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("classname", Safe(testCase.ClassName));
                    xml.WriteAttributeString("name", Safe(testCase.Name));
                    xml.WriteAttributeString("time", Seconds(testCase.Seconds));
                    if (testCase.Failure is { } failure)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", Safe(failure.Message));
                        xml.WriteAttributeString("type", failure.Type);
                        xml.WriteString(Safe(failure.Details));
                        xml.WriteEndElement();
                    }
                    else if (testCase.Skipped)
                    {
                        xml.WriteElementString("skipped", string.Empty);
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    private static Suite BuildSuite(CampaignReport report, IterationResults iteration)
    {
        var byTest = report.Groups.Where(g => g.Worst.Iteration.Iteration == iteration.Record.Iteration)
            .GroupBy(g => g.Worst.TestName)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var cases = new List<Case>();
        foreach (TestInfo test in iteration.Tests)
        {
            Failure? failure = byTest.Remove(test.Name, out List<ViolationGroup>? groups)
                ? ViolationFailure(groups)
                : test.Outcome == "Failed" ? new Failure("the test failed", "TestFailed", $"See output.log in iteration {iteration.Record.Iteration}'s directory.") : null;
            double seconds = test.EndedAt is { } ended ? Math.Max(0, (ended - test.StartedAt).TotalSeconds) : 0;
            (string className, string name) = Split(test.Name);
            cases.Add(new Case(className, name, seconds, failure, test.Outcome is "Skipped" or "NotRun"));
        }

        foreach ((string testName, List<ViolationGroup> groups) in byTest)
        {
            // Violations by calls outside any test (a fixture, a static constructor) still fail the iteration.
            cases.Add(new Case("vypr", testName, 0, ViolationFailure(groups), false));
        }

        if (iteration.ProcessFailed && !cases.Any(c => c.Failure is not null))
        {
            cases.Add(new Case("vypr", "(test process)", 0, new Failure(
                $"a test process exited with {string.Join(",", iteration.Record.ExitCodes)}", "ProcessFailed",
                $"See output.log in iteration {iteration.Record.Iteration}'s directory."), false));
        }

        string input = iteration.Record.Input is null ? string.Empty : $" (input {iteration.Record.Input})";
        return new Suite($"iteration {iteration.Record.Iteration}{input}", iteration, cases);
    }

    private static Failure ViolationFailure(List<ViolationGroup> groups)
    {
        int count = groups.Sum(g => g.Count);
        string details = string.Join("\n", groups.Select(g =>
            $"{g.Worst.Specification.Text} on {g.Worst.Specification.Method} at {g.Worst.Where.Location}: {g.Worst.HowFar}" +
            (g.Count == 1 ? string.Empty : $" (worst of {g.Count})")));
        return new Failure($"{CampaignReport.Plural(count, "call")} violated {(groups.Count == 1 ? "its" : "their")} performance specification{(groups.Count == 1 ? string.Empty : "s")}", "PerformanceSpecificationViolation", details);
    }

    private static (string ClassName, string Name) Split(string fullName)
    {
        // Theory rows carry their arguments in parentheses, where dots belong to the values, not the type.
        int paren = fullName.IndexOf('(');
        int dot = (paren < 0 ? fullName : fullName[..paren]).LastIndexOf('.');
        return dot <= 0 ? (string.Empty, fullName) : (fullName[..dot], fullName[(dot + 1)..]);
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", Safe(value));
        xml.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters, which a test name or an input may hold: each becomes U+FFFD.
    private static string Safe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text, i, 2);
                i++;
            }
            else
            {
                safe.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return safe.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed record Suite(string Name, IterationResults Iteration, List<Case> Cases);

    private sealed record Case(string ClassName, string Name, double Seconds, Failure? Failure, bool Skipped);

    private sealed record Failure(string Message, string Type, string Details);
}

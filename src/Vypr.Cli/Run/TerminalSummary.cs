using System.Globalization;
using System.IO;
using System.Linq;

namespace Vypr.Cli.Run;

/// <summary>The summary a campaign prints at its end: violations first, then failed tests, iterations, and the key to the specifications.</summary>
internal static class TerminalSummary
{
    /// <summary>Writes the summary.</summary>
    /// <param name="report">The campaign's report.</param>
    /// <param name="output">Where to write.</param>
    public static void Write(CampaignReport report, TextWriter output)
    {
        output.WriteLine();
        if (report.Groups.Count > 0)
        {
            output.WriteLine($"Violations ({report.Iterations.Sum(i => i.ViolationCount)}):");
            foreach (ViolationGroup group in report.Groups)
            {
                Violation v = group.Worst;
                string times = group.Count == 1 ? string.Empty : $" (worst of {group.Count})";
                output.WriteLine($"  VIOLATED [{group.Key}] iteration {v.Iteration.Iteration}, input {CampaignReport.InputOf(v.Iteration)}: {CampaignReport.Display(v.Where.Location)}");
                output.WriteLine($"      {v.TestName}: {v.HowFar}{times}");
            }

            output.WriteLine();
        }

        var failed = report.FailedTests.ToList();
        if (failed.Count > 0)
        {
            output.WriteLine($"Failed tests ({failed.Count}):");
            foreach ((IterationResults iteration, string test) in failed)
            {
                output.WriteLine($"  FAILED iteration {iteration.Record.Iteration}, input {CampaignReport.InputOf(iteration.Record)}: {test}");
            }

            output.WriteLine();
        }

        string[] header = ["iteration", "input", "tests", "failed", "calls", "violations", "exit", "time"];
        string[][] rows = [.. report.Iterations.Select(i => new[]
        {
            i.Record.Iteration.ToString(CultureInfo.InvariantCulture),
            Shorten(CampaignReport.InputOf(i.Record), 24),
            i.Tests.Count.ToString(CultureInfo.InvariantCulture),
            i.FailedTests.Count.ToString(CultureInfo.InvariantCulture),
            i.Calls.ToString(CultureInfo.InvariantCulture),
            i.ViolationCount.ToString(CultureInfo.InvariantCulture),
            string.Join(",", i.Record.ExitCodes),
            i.Record.Seconds.ToString("0.0", CultureInfo.InvariantCulture) + "s",
        })];
        int[] widths = [.. header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max())];
        output.WriteLine(string.Join("  ", header.Select((h, c) => h.PadRight(widths[c]))).TrimEnd());
        foreach (string[] row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == 1 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        if (report.Key.Any())
        {
            output.WriteLine();
            output.WriteLine("Key:");
            foreach ((string key, string text) in report.Key)
            {
                output.WriteLine($"  {key}  {text}");
            }
        }

        output.WriteLine();
        output.WriteLine($"Vypr campaign {CampaignReport.Display(report.ConfigFile)}: {report.Headline}");
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

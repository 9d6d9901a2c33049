using System.Globalization;
using System.IO;
using System.Linq;

namespace Vypr.Cli.Run;

/// <summary>The summary a campaign prints at its end: violations first, then failed tests, the verdicts per specification and call site, the iterations, and the key to the specifications.</summary>
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

        if (report.Verdicts.Count > 0)
        {
            output.WriteLine("Verdicts:");
            string[] verdictHeader = ["status", "spec", "call site", "calls", "violations", "max"];
            string[][] verdictRows = [.. report.Verdicts.Select(r => new[]
            {
                r.Violations > 0 ? "VIOLATED" : "ok",
                r.Key,
                CampaignReport.Display(r.Location),
                r.Calls.ToString(CultureInfo.InvariantCulture),
                r.Violations.ToString(CultureInfo.InvariantCulture),
                NanosecondsText.Format(r.MaxNanoseconds),
            })];
            Table(output, verdictHeader, verdictRows, leftColumns: 3);
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
        Table(output, header, rows, leftColumns: 0, leftColumn: 1);

        if (report.Key.Any())
        {
            output.WriteLine();
            output.WriteLine("Key:");
            int width = report.Key.Max(k => k.Key.Length);
            foreach ((string key, string text) in report.Key)
            {
                output.WriteLine($"  {key.PadRight(width)}  {text}");
            }
        }

        output.WriteLine();
        output.WriteLine($"Vypr campaign {CampaignReport.Display(report.ConfigFile)}: {report.Headline}");
    }

    // Columns before leftColumns (and the one leftColumn) are text, aligned left; the others are numbers, aligned right.
    private static void Table(TextWriter output, string[] header, string[][] rows, int leftColumns, int leftColumn = -1)
    {
        int[] widths = [.. header.Select((h, c) => rows.Select(r => r[c].Length).Append(h.Length).Max())];
        bool Left(int c) => c < leftColumns || c == leftColumn;
        output.WriteLine(string.Join("  ", header.Select((h, c) => Left(c) ? h.PadRight(widths[c]) : h.PadLeft(widths[c]))).TrimEnd());
        foreach (string[] row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => Left(c) ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

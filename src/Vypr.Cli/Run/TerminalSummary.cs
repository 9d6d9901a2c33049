using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Vypr.Cli.Run;

/// <summary>The summary a campaign prints at its end: violations first, then failed tests, the verdicts per specification and call site, the iterations, and the key to the specifications.</summary>
internal static class TerminalSummary
{
    private const int SlowestTests = 5;

    // At most this many rows of the verdicts table (more only when more rows are violated).
    internal const int VerdictRows = 20;

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
            // A real suite has hundreds of woven call sites (431 in CsvHelper's tests): the table keeps every violated
            // row and fills up to VerdictRows with the satisfied rows of the longest calls, so the summary still fits
            // a terminal; each iteration's verdict table (.txt beside its results) holds every row.
            var shown = report.Verdicts.Where(r => r.Violations > 0)
                .Concat(report.Verdicts.Where(r => r.Violations == 0).OrderByDescending(r => r.MaxNanoseconds).Take(Math.Max(0, VerdictRows - report.Verdicts.Count(r => r.Violations > 0))))
                .ToList();
            output.WriteLine(shown.Count == report.Verdicts.Count ? "Verdicts:" : $"Verdicts: {shown.Count} of {report.Verdicts.Count} rows (every violated one, then the longest satisfied calls)");
            string[] verdictHeader = ["status", "spec", "call site", "calls", "violations", "max"];
            string[][] verdictRows = [.. shown.Select(r => new[]
            {
                r.Violations > 0 ? "VIOLATED" : "ok",
                r.Key,
                CampaignReport.Display(r.Location),
                r.Calls.ToString(CultureInfo.InvariantCulture),
                r.Violations.ToString(CultureInfo.InvariantCulture),
                NanosecondsText.Format(r.MaxNanoseconds),
            })];
            Table(output, verdictHeader, verdictRows, leftColumns: 3);
            if (shown.Count < report.Verdicts.Count)
            {
                int hidden = report.Verdicts.Count - shown.Count;
                output.WriteLine($"  ... {hidden} more {(hidden == 1 ? "row" : "rows")}, none violated: every row is in each iteration's verdict table, {CampaignReport.Display(Path.Combine(report.CampaignDirectory, "<iteration>", "*.txt"))}");
            }

            output.WriteLine();
        }

        if (report.NotReached.Count > 0)
        {
            output.WriteLine($"Not reached by any call: {string.Join(", ", report.NotReached)} (calls that were not woven are listed in obj/<configuration>/<target>/vypr-weaving.md)");
            output.WriteLine();
        }

        WriteSlowestTests(report, output);
        WriteProfiles(report, output);

        // One verdict per call and specification: a call that two specifications check counts twice, so the column
        // says verdicts, as the iteration's progress line does.
        string[] header = ["iteration", "input", "tests", "failed", "verdicts", "violations", "exit", "time"];
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

    // The slowest tests of the campaign with what they cost (docs/results-format.md, "Per-test measurements"); a
    // test that shared the process with another has its process-wide counters marked, since they are not its own.
    private static void WriteSlowestTests(CampaignReport report, TextWriter output)
    {
        var slowest = report.Iterations
            .SelectMany(i => i.Tests.Where(t => t.EndedAt is not null).Select(t => (Iteration: i.Record, Test: t)))
            .OrderByDescending(x => x.Test.Measurements?.WallNanoseconds ?? (x.Test.EndedAt!.Value - x.Test.StartedAt).Ticks * 100)
            .Take(SlowestTests)
            .ToList();
        if (slowest.Count == 0)
        {
            return;
        }

        output.WriteLine("Slowest tests:");
        string[] header = ["iteration", "wall", "cpu", "allocated", "gc 0/1/2", "peak memory", "test"];
        string[][] rows = [.. slowest.Select(x =>
        {
            Vypr.Contracts.TestMeasurements? m = x.Test.Measurements;
            string shared = m is { Exclusive: false } ? "*" : string.Empty;
            return new[]
            {
                x.Iteration.Iteration.ToString(CultureInfo.InvariantCulture),
                NanosecondsText.Format(m?.WallNanoseconds ?? (x.Test.EndedAt!.Value - x.Test.StartedAt).Ticks * 100.0),
                m is null ? "-" : NanosecondsText.Format(m.CpuNanoseconds) + shared,
                m is null ? "-" : Bytes(m.AllocatedBytes) + shared,
                m is null ? "-" : $"{m.Gen0Collections}/{m.Gen1Collections}/{m.Gen2Collections}{shared}",
                m is null ? "-" : Bytes(m.PeakWorkingSetBytes),
                x.Test.Name,
            };
        })];
        Table(output, header, rows, leftColumns: 0, leftColumn: 6);
        if (slowest.Any(x => x.Test.Measurements is { Exclusive: false }))
        {
            output.WriteLine("  * shared: other tests ran at the same time, so the process-wide counters are not this test's alone");
        }

        output.WriteLine();
    }

    // Each profile's file, or why there is none: a profile asked for is never missing without a word.
    private static void WriteProfiles(CampaignReport report, TextWriter output)
    {
        if (report.Profiles.Count == 0)
        {
            return;
        }

        output.WriteLine("CPU sample profiles (open with PerfView or Visual Studio, or 'dotnet-trace convert --format Speedscope'):");
        foreach (Vypr.Cli.Profiles.TestProfile profile in report.Profiles)
        {
            string what = profile.File is null ? $"NOT PROFILED: {profile.Problem}" : CampaignReport.Display(profile.File) + (profile.Problem is null ? string.Empty : $" ({profile.Problem})");
            output.WriteLine($"  {profile.Rank}. {profile.Test} (iteration {profile.Iteration}, {NanosecondsText.Format(profile.WallNanoseconds)}): {what}");
        }

        output.WriteLine();
    }

    /// <summary>A byte count in the largest binary unit that keeps it readable (<c>12.3 MiB</c>).</summary>
    /// <param name="bytes">The count.</param>
    /// <returns>The text.</returns>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

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

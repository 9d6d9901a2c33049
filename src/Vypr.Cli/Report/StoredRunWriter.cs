using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Vypr.Cli.Run;
using Vypr.Contracts.Reads;

namespace Vypr.Cli.Report;

/// <summary>Writes a stored run as terminal text or as Markdown that fits a pull-request comment.</summary>
internal static class StoredRunWriter
{
    private const int SlowestTests = 5;

    private const string SharedNote = "  * shared: other tests ran at the same time, so the process-wide counters are not this test's alone";

    /// <summary>The run as plain text, one fact per line, violations first.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The text.</returns>
    public static string Text(StoredRun run)
    {
        var text = new StringBuilder();
        RunItem r = run.Run;
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {r.RunId:D} of {r.Assembly} (project {r.Project}): {Verdict(run)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  started {r.StartedAt:u}, took {Seconds(r)}; commit {r.Commit ?? "-"}{Dirty(r)}, branch {r.Branch ?? "-"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  machine {r.Machine}; {r.Runtime}");
        if (r.CiJobUrl is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  CI job {r.CiJobUrl}{(r.CiProvider is null ? string.Empty : $" ({r.CiProvider})")}");
        }

        if (run.Violations.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Violations ({run.ViolationCount}{(run.ViolationCount > run.Violations.Count ? $", the first {run.Violations.Count} shown" : string.Empty)}):");
            foreach (StoredViolation v in run.Violations)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {v.Method} at {v.File}({v.Line},{v.Column}) in {v.Test ?? "(no test)"}: took {NanosecondsText.Format(v.DurationNanoseconds)}{Bound(v)}");
                text.AppendLine(CultureInfo.InvariantCulture, $"    {v.Specification}");
            }
        }

        if (run.FailedTests.Any())
        {
            text.AppendLine();
            text.AppendLine("Failed tests:");
            foreach (TestItem test in run.FailedTests)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {test.Name}");
            }
        }

        text.AppendLine();
        text.AppendLine("Methods (calls, violations, threw, longest, mean; the specification checked):");
        foreach (MethodStatistics m in run.Methods)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {m.Method}: {m.Calls}, {m.Violations}, {m.Threw}, {NanosecondsText.Format(m.MaxNanoseconds)}, {NanosecondsText.Format(m.MeanNanoseconds)}; {m.Specification ?? "-"}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Slowest tests (of {run.Tests.Count}; wall, cpu, allocated, gc 0/1/2, peak memory, outcome, test):");
        foreach (TestItem test in Slowest(run))
        {
            string[] cost = Costs(test);
            text.AppendLine(CultureInfo.InvariantCulture, $"  {string.Join("  ", cost)}  {test.Outcome ?? "-"}  {test.Name}");
        }

        if (Slowest(run).Any(t => t.Measurements is { Exclusive: false }))
        {
            text.AppendLine(SharedNote);
        }

        return text.ToString();
    }

    /// <summary>The run as Markdown: a headline, the violations, the methods and the slowest tests.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The Markdown.</returns>
    public static string Markdown(StoredRun run)
    {
        var md = new StringBuilder();
        RunItem r = run.Run;
        md.AppendLine(CultureInfo.InvariantCulture, $"## Vypr run `{r.RunId:D}`: {Verdict(run)}");
        md.AppendLine();
        string job = r.CiJobUrl is null ? string.Empty : $"; [CI job]({r.CiJobUrl})";
        md.AppendLine(CultureInfo.InvariantCulture, $"{Cell(r.Assembly)} (project {Cell(r.Project)}), commit `{Cell(r.Commit ?? "-")}`{Dirty(r)} on {Cell(r.Branch ?? "-")}, started {r.StartedAt:u}, took {Seconds(r)}; {Cell(r.Machine)}; {Cell(r.Runtime)}{job}");
        if (run.Violations.Count > 0)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### Violations ({run.ViolationCount}{(run.ViolationCount > run.Violations.Count ? $", the first {run.Violations.Count} shown" : string.Empty)})");
            md.AppendLine();
            md.AppendLine("| method | specification | call site | test | took | bound |");
            md.AppendLine("|---|---|---|---|---:|---:|");
            foreach (StoredViolation v in run.Violations)
            {
                // A formula of the specification language has no one duration bound: "-", never "0ns".
                string bound = v.BoundNanoseconds > 0 ? NanosecondsText.Format(v.BoundNanoseconds) : "-";
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(v.Method)} | {Cell(v.Specification)} | {Cell(v.File)}({v.Line},{v.Column}) | {Cell(v.Test ?? "-")} | {NanosecondsText.Format(v.DurationNanoseconds)} | {bound} |");
            }
        }

        if (run.FailedTests.Any())
        {
            md.AppendLine();
            md.AppendLine("### Failed tests");
            md.AppendLine();
            foreach (TestItem test in run.FailedTests)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Cell(test.Name)}");
            }
        }

        md.AppendLine();
        md.AppendLine("### Methods");
        md.AppendLine();
        md.AppendLine("| method | specification | calls | violations | threw | longest | mean |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (MethodStatistics m in run.Methods)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(m.Method)} | {Cell(m.Specification ?? "-")} | {m.Calls} | {m.Violations} | {m.Threw} | {NanosecondsText.Format(m.MaxNanoseconds)} | {NanosecondsText.Format(m.MeanNanoseconds)} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"### Slowest tests (of {run.Tests.Count})");
        md.AppendLine();
        md.AppendLine("| test | outcome | wall time | cpu | allocated | gc 0/1/2 | peak memory |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (TestItem test in Slowest(run))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(test.Name)} | {test.Outcome ?? "-"} | {string.Join(" | ", Costs(test))} |");
        }

        if (Slowest(run).Any(t => t.Measurements is { Exclusive: false }))
        {
            md.AppendLine();
            md.AppendLine(SharedNote.Trim());
        }

        return md.ToString();
    }

    private static string Verdict(StoredRun run)
    {
        int failed = run.FailedTests.Count();
        return run.Failed
            ? $"FAILED: {CampaignReport.Plural(run.ViolationCount, "violation")}, {CampaignReport.Plural(failed, "failed test")}"
            : $"passed: {CampaignReport.Plural(run.Tests.Count, "test")}, {CampaignReport.Plural(run.Methods.Sum(m => m.Calls), "verdict")}, no violations";
    }

    private static string Dirty(RunItem run) => run.Dirty == true ? " (dirty working tree)" : string.Empty;

    // A formula of the specification language has no one duration bound (its verdict's bound is 0): nothing is said
    // of a bound then, rather than "bound 0ns"; the specification is on the next line.
    private static string Bound(StoredViolation v) =>
        v.BoundNanoseconds > 0
            ? $", bound {NanosecondsText.Format(v.BoundNanoseconds)} ({((double)v.DurationNanoseconds / v.BoundNanoseconds).ToString("0.##", CultureInfo.InvariantCulture)}x the bound)"
            : string.Empty;

    // The runtime's own wall time when the test has measurements, else the one its timestamps give.
    private static System.Collections.Generic.IEnumerable<TestItem> Slowest(StoredRun run) =>
        run.Tests.OrderByDescending(t => t.Measurements is { } m ? m.WallNanoseconds / 1e6 : t.WallTimeMilliseconds ?? -1).ThenBy(t => t.Name, StringComparer.Ordinal).Take(SlowestTests);

    // Wall, CPU, allocated, collections by generation, peak memory (docs/results-format.md, "Per-test measurements");
    // the process-wide counters of a test that shared the process are marked, as in vypr run's summary.
    private static string[] Costs(TestItem test)
    {
        if (test.Measurements is not { } m)
        {
            return [Milliseconds(test.WallTimeMilliseconds), "-", "-", "-", "-"];
        }

        string shared = m.Exclusive ? string.Empty : "*";
        return
        [
            NanosecondsText.Format(m.WallNanoseconds),
            NanosecondsText.Format(m.CpuNanoseconds) + shared,
            TerminalSummary.Bytes(m.AllocatedBytes) + shared,
            $"{m.Gen0Collections}/{m.Gen1Collections}/{m.Gen2Collections}{shared}",
            TerminalSummary.Bytes(m.PeakWorkingSetBytes),
        ];
    }

    private static string Seconds(RunItem run) =>
        (run.EndedAt - run.StartedAt).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    private static string Milliseconds(double? milliseconds) =>
        milliseconds is { } ms ? NanosecondsText.Format(ms * 1e6) : "-";

    // A table cell holds no pipe and no line break; generic names (List<int>) are not HTML tags.
    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

using System.Globalization;
using System.Linq;
using System.Text;

namespace Vypr.Cli.Run;

/// <summary>The campaign's Markdown summary: fits a pull-request comment and GitHub's step summary.</summary>
internal static class MarkdownSummary
{
    /// <summary>The summary's file name in the campaign directory.</summary>
    public const string FileName = "summary.md";

    /// <summary>Writes the summary.</summary>
    /// <param name="report">The campaign's report.</param>
    /// <returns>The Markdown.</returns>
    public static string Write(CampaignReport report)
    {
        var text = new StringBuilder();
        text.Append("## Vypr campaign: ").Append(Cell(report.Headline)).Append("\n\n");
        if (report.Groups.Count > 0)
        {
            text.Append("| | iteration | input | spec | call site | test | how far |\n|---|---:|---|---|---|---|---|\n");
            foreach (ViolationGroup group in report.Groups)
            {
                Violation v = group.Worst;
                string times = group.Count == 1 ? string.Empty : $" (worst of {group.Count})";
                text.Append(CultureInfo.InvariantCulture, $"| :x: | {v.Iteration.Iteration} | {Code(CampaignReport.InputOf(v.Iteration))} | {group.Key} | {Code(CampaignReport.Display(v.Where.Location))} | {Code(v.TestName)} | {Cell(v.HowFar + times)} |\n");
            }

            text.Append('\n');
        }

        var failed = report.FailedTests.ToList();
        if (failed.Count > 0)
        {
            text.Append("Failed tests:\n\n");
            foreach ((IterationResults iteration, string test) in failed)
            {
                text.Append(CultureInfo.InvariantCulture, $"- iteration {iteration.Record.Iteration} (input {Code(CampaignReport.InputOf(iteration.Record))}): {Code(test)}\n");
            }

            text.Append('\n');
        }

        text.Append("| iteration | input | tests | failed | verdicts | violations | exit | time |\n|---:|---|---:|---:|---:|---:|---|---:|\n");
        foreach (IterationResults i in report.Iterations)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {i.Record.Iteration} | {Code(CampaignReport.InputOf(i.Record))} | {i.Tests.Count} | {i.FailedTests.Count} | {i.Calls} | {i.ViolationCount} | {string.Join(",", i.Record.ExitCodes)} | {i.Record.Seconds:0.0}s |\n");
        }

        if (report.NotReached.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nNot reached by any call: {string.Join(", ", report.NotReached)} (calls that were not woven are listed in `vypr-weaving.md` under `obj/`).\n");
        }

        if (report.Profiles.Count > 0)
        {
            text.Append("\nCPU sample profiles of the slowest tests (`.nettrace`: PerfView, Visual Studio, `dotnet-trace convert --format Speedscope`):\n\n");
            foreach (Vypr.Cli.Profiles.TestProfile profile in report.Profiles)
            {
                string what = profile.File is null ? $"not profiled: {Cell(profile.Problem ?? string.Empty)}" : Code(CampaignReport.Display(profile.File)) + (profile.Problem is null ? string.Empty : $" ({Cell(profile.Problem)})");
                text.Append(CultureInfo.InvariantCulture, $"{profile.Rank}. {Code(profile.Test)} (iteration {profile.Iteration}, {NanosecondsText.Format(profile.WallNanoseconds)}): {what}\n");
            }
        }

        if (report.Key.Any())
        {
            text.Append("\nKey:\n\n");
            foreach ((string key, string spec) in report.Key)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {key}: {Code(spec)}\n");
            }
        }

        return text.ToString();
    }

    // A pipe ends a table cell and a newline ends the row (a code span keeps the pipe escape in a table).
    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

    private static string Code(string text) => Vypr.Analysis.Reports.MarkdownText.CodeSpan(text.Replace("|", "\\|"));
}

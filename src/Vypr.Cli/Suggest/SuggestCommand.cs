using System.CommandLine;
using Vypr.Analysis.Bounds;
using Vypr.Analysis.Reports;
using Vypr.Cli.Commands;
using Vypr.Cli.Compare;

namespace Vypr.Cli.Suggest;

/// <summary><c>vypr suggest &lt;good runs...&gt;</c>: <c>[MaxDuration]</c> bounds from observed durations, as code to paste.</summary>
internal static class SuggestCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("suggest", "Propose [MaxDuration] bounds from the durations of good runs: a high quantile plus a margin, as code ready to paste.");
        var runs = new RunsArguments("Results files (vypr.run/1) of good runs, directories of them, or a verdict server's address selecting them (http://host:port/?project=P&branch=main&last=N; token from VYPR_SERVER_TOKEN).");
        var quantile = new Option<string>("--quantile") { Description = "The quantile of the durations the bound starts from.", DefaultValueFactory = _ => "99%" };
        var margin = new Option<string>("--margin") { Description = "The margin added on top of the quantile.", DefaultValueFactory = _ => "20%" };
        var floor = new Option<string>("--floor") { Description = "The least bound proposed: calls of microseconds still get a bound that a preemption of a shared CI machine cannot exceed (0 for none).", DefaultValueFactory = _ => "5ms" };
        runs.AddTo(command, quantile, margin, floor);
        command.SetAction(parse => CommandRunner.Run(parse, p =>
        {
            double q = ComparisonArguments.Share(p.GetValue(quantile)!, "--quantile");
            double m = ComparisonArguments.Share(p.GetValue(margin)!, "--margin");
            if (!(q > 0 && q < 1))
            {
                throw new UsageException($"--quantile {q}: must be strictly between 0 and 1 (for example 99%)");
            }

            if (!(m >= 0))
            {
                throw new UsageException($"--margin {m}: must be at least 0");
            }

            string floorText = p.GetValue(floor)!;
            long floorNanoseconds;
            if (floorText.Trim() == "0")
            {
                floorNanoseconds = 0;
            }
            else if (!Vypr.Load.Configuration.LoadDuration.TryParse(floorText, out System.TimeSpan floorSpan) || floorSpan < System.TimeSpan.Zero)
            {
                throw new UsageException($"--floor {floorText}: expected {Vypr.Load.Configuration.LoadDuration.Expected}, or 0 for none");
            }
            else
            {
                floorNanoseconds = floorSpan.Ticks * 100;
            }

            var suggestions = BoundSuggester.Suggest(runs.Documents(p), q, m, floorNanoseconds);
            runs.Output.Write(p, suggestions, MarkdownReport.Suggestions);
            return ExitCodes.Success;
        }));
        return command;
    }
}

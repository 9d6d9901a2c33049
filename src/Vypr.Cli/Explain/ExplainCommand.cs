using System.CommandLine;
using Vypr.Analysis.Explanations;
using Vypr.Analysis.History;
using Vypr.Analysis.Reports;
using Vypr.Cli.Commands;
using Vypr.Cli.Compare;

namespace Vypr.Cli.Explain;

/// <summary><c>vypr explain &lt;runs...&gt;</c>: why specifications were violated, by call site, test and captured value.</summary>
internal static class ExplainCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("explain", "Explain violations: which call sites, tests and captured values set violating calls apart, ranked by effect size.");
        var runs = new RunsArguments("Results files (vypr.run/1), directories of them, or a verdict server's address selecting runs (http://host:port/?project=P&branch=B&commit=C&run=GUID&last=N; token from VYPR_SERVER_TOKEN).");
        var top = new Option<int>("--top") { Description = "Candidate explanations shown per specification.", DefaultValueFactory = _ => 3 };
        runs.AddTo(command, top);
        command.SetAction(parse => CommandRunner.Run(parse, p =>
        {
            var documents = runs.Documents(p);
            var explanations = ViolationExplainer.Explain(documents);
            int n = p.GetValue(top);
            runs.Output.Write(p, explanations, e => MarkdownReport.Explanations(e, n), e => HtmlReport.Explanations(e, SeverityHistories.From(documents)));
            return ExitCodes.Success;
        }));
        return command;
    }
}

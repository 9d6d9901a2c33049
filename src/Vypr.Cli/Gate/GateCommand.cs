using System.CommandLine;
using Vypr.Analysis.Comparison;
using Vypr.Cli.Commands;
using Vypr.Cli.Compare;

namespace Vypr.Cli.Gate;

/// <summary>
/// <c>vypr gate &lt;base&gt; &lt;head&gt;</c>: the comparison as a CI gate. Exit 1 when a metric is slower (after
/// false-discovery control), or also inconclusive with <c>--strict</c>; 0 otherwise.
/// </summary>
internal static class GateCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("gate", "Fail (exit 1) when head is slower than base on some metric; --strict also fails on inconclusive metrics.");
        var arguments = new ComparisonArguments();
        arguments.AddTo(command);
        var strict = new Option<bool>("--strict") { Description = "Also fail when a metric is inconclusive (its interval straddles the threshold): rerun with more runs." };
        command.Add(strict);
        command.SetAction(parse => CommandRunner.Run(parse, p =>
        {
            RunComparison comparison = arguments.CompareAndReport(p);
            bool fail = comparison.Count(ComparisonOutcome.Slower) > 0 ||
                (p.GetValue(strict) && comparison.Count(ComparisonOutcome.Inconclusive) > 0);
            return fail ? ExitCodes.Failed : ExitCodes.Success;
        }));
        return command;
    }
}

using System.CommandLine;
using Vypr.Cli.Commands;

namespace Vypr.Cli.Compare;

/// <summary><c>vypr compare &lt;base&gt; &lt;head&gt;</c>: every metric's ratio with its interval and a four-way answer.</summary>
internal static class CompareCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("compare", "Compare two runs (or two sets of runs) metric by metric: ratio, confidence interval, slower/same/faster/inconclusive.");
        var arguments = new ComparisonArguments();
        arguments.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, p =>
        {
            arguments.CompareAndReport(p);
            return ExitCodes.Success;
        }));
        return command;
    }
}

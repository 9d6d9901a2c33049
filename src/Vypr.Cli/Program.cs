using System.CommandLine;
using System.Threading.Tasks;
using Vypr.Cli.Commands;

namespace Vypr.Cli;

/// <summary>The <c>vypr</c> command's entry point: one root command, each feature a subcommand of its own.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        var root = new RootCommand("Vypr: performance specifications checked while your tests run, kept and compared across CI runs.");
        foreach (Command command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A wrong command line is exit code 2 (docs/cli.md), not System.CommandLine's default 1, which CI reads as a finding.
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                System.Console.Error.WriteLine($"vypr: {error.Message}");
            }

            return Task.FromResult(ExitCodes.UsageError);
        }

        return parse.InvokeAsync();
    }
}

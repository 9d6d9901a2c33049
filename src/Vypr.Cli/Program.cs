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

        return root.Parse(args).InvokeAsync();
    }
}

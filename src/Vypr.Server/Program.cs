using System;
using System.Threading.Tasks;

namespace Vypr.Server;

/// <summary>The <c>vypr-server</c> executable: the server's commands (<see cref="ServerCommand"/>) with its exit codes.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 1 && args[0] is "help" or "--help" or "-h")
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        ServerCommandOutcome outcome = await ServerCommand.RunAsync(args, ServerCommandNames.Server, null, CommandLine.Usage, Console.Out, Console.Error);
        return outcome switch
        {
            ServerCommandOutcome.Success => 0,
            ServerCommandOutcome.UsageError => 2,
            _ => 1,
        };
    }
}

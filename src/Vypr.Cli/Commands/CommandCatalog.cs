using System.Collections.Generic;
using System.CommandLine;

namespace Vypr.Cli.Commands;

/// <summary>
/// Every subcommand of <c>vypr</c>. A feature adds its command here, and keeps its options, handler and output in a
/// folder of its own; exit codes are shared (<see cref="ExitCodes"/>) so CI scripts can rely on them.
/// </summary>
internal static class CommandCatalog
{
    /// <summary>Creates the subcommands, in the order <c>vypr --help</c> lists them.</summary>
    /// <returns>The subcommands.</returns>
    public static IEnumerable<Command> Create() =>
    [
        Load.LoadCommand.Create(),
        Compare.CompareCommand.Create(),
        Gate.GateCommand.Create(),
        Changes.ChangesCommand.Create(),
        Suggest.SuggestCommand.Create(),
        Explain.ExplainCommand.Create(),
        Run.RunCommand.Create(),
        Report.ReportCommand.Create(),
        Serve.ServeCommand.Create(),
        Tokens.TokenCommand.Create(),
        Ci.CiInitCommand.Create(),
    ];
}

using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Cli.Commands;
using Vypr.Cli.Storage;
using Vypr.Server;

namespace Vypr.Cli.Serve;

/// <summary>
/// <c>vypr serve [options]</c>: the verdict server, with the options of <c>vypr-server serve</c> (parsed by the
/// server itself, <see cref="ServerCommand"/>) and <c>.vypr/verdicts.db</c> as its default store.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The server's options, listed in <c>vypr serve --help</c>.</summary>
    public const string Options = """
        Store (at most one): --db PATH (SQLite file; env VYPR_SERVER_DB; default .vypr/verdicts.db) or
        --postgres CONNSTRING (env VYPR_SERVER_POSTGRES).
        Server: --urls URLS (env VYPR_SERVER_URLS; default http://127.0.0.1:5080), --reads open|token (env VYPR_SERVER_READS),
        --max-request-mb N, --max-verdicts N, --max-ingests N, --max-queued-ingests N (docs/server.md).
        """;

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var command = new Command("serve", "Run the verdict server (docs/server.md) on the local store or a PostgreSQL database.\n" + Options)
        {
            // The server parses its own options: one parser for vypr-server and vypr serve.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse => RunAsync(["serve", .. Tokens(parse)]));
        return command;
    }

    /// <summary>The arguments System.CommandLine left for the server to parse.</summary>
    /// <param name="parse">The parse result.</param>
    /// <returns>The tokens, in order.</returns>
    public static IEnumerable<string> Tokens(ParseResult parse) => parse.UnmatchedTokens;

    /// <summary>Runs a server command with the tool's default store and maps its outcome to the tool's exit codes.</summary>
    /// <param name="args">The server command and its options (<c>tokens create --name ci</c>).</param>
    /// <returns>The exit code (docs/cli.md).</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        // Messages name the tool's commands (vypr token create), never the server executable's (vypr-server tokens create).
        ServerCommandNames names = ServerCommandNames.Tool;
        string name = names.Full(args[0] == "tokens" ? "tokens " + args[1] : args[0]);
        ServerCommandOutcome outcome = await ServerCommand.RunAsync(
            args,
            names,
            LocalStore.In(Environment.CurrentDirectory),
            $"See '{name} --help' and docs/cli.md.",
            Console.Out,
            Console.Error);
        return outcome switch
        {
            ServerCommandOutcome.Success => ExitCodes.Success,
            ServerCommandOutcome.UsageError => ExitCodes.UsageError,
            ServerCommandOutcome.NotFound => ExitCodes.Failed,
            _ => ExitCodes.Error,
        };
    }
}

using System.CommandLine;
using Vypr.Cli.Serve;

namespace Vypr.Cli.Tokens;

/// <summary>
/// <c>vypr token create|revoke|list [options]</c>: API tokens of a store, with the options of
/// <c>vypr-server tokens</c> (<c>--name</c>, <c>--project</c>, <c>--db</c>, <c>--postgres</c>). A created token is
/// printed once, alone on standard output, so a script can capture it.
/// </summary>
internal static class TokenCommand
{
    /// <summary>Creates the command and its three subcommands.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var token = new Command("token", "Create, revoke or list the API tokens of a verdict store (the local store unless --db or --postgres names another).");
        token.Subcommands.Add(Subcommand("create", "Create a token (--name N [--project P]); it is printed once and only its hash is kept."));
        token.Subcommands.Add(Subcommand("revoke", "Revoke the token named --name N."));
        token.Subcommands.Add(Subcommand("list", "List tokens: name, creation, revocation, project (never the tokens themselves)."));
        return token;
    }

    private static Command Subcommand(string name, string description)
    {
        var command = new Command(name, description + "\nStore: --db PATH (default .vypr/verdicts.db) or --postgres CONNSTRING (env VYPR_SERVER_DB, VYPR_SERVER_POSTGRES).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parse => ServeCommand.RunAsync(["tokens", name, .. ServeCommand.Tokens(parse)]));
        return command;
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Vypr.Server.Storage;

namespace Vypr.Server;

/// <summary>
/// The server's commands (<c>serve</c>, <c>tokens create|revoke|list</c>, <c>migrate</c>) as a library entry point:
/// the <c>vypr-server</c> executable and the <c>vypr</c> tool's <c>serve</c> and <c>token</c> commands both run them,
/// so both take the same options, parsed in one place (<see cref="CommandLine"/>).
/// </summary>
public static class ServerCommand
{
    /// <summary>The options every command takes, for a caller's help text.</summary>
    public static string Usage => CommandLine.Usage;

    /// <summary>Runs one server command to completion (<c>serve</c> until the process is told to stop).</summary>
    /// <param name="args">The command and its options, as <c>vypr-server</c> takes them (<c>serve --db x.db</c>).</param>
    /// <param name="names">How messages name the program and its commands (<c>vypr-server tokens create</c>, <c>vypr token create</c>).</param>
    /// <param name="defaultDatabase">
    /// The SQLite file used when neither an option nor the environment names a store; its directory is created when
    /// missing. Null for <c>./vypr.db</c>, which must be in an existing directory.
    /// </param>
    /// <param name="usage">What is written after the message of a wrong command line (the caller's usage or a pointer to it).</param>
    /// <param name="output">Where results go (the created token, the token list).</param>
    /// <param name="error">Where messages for the user go.</param>
    /// <returns>What happened; the caller maps it to its exit codes.</returns>
    public static async Task<ServerCommandOutcome> RunAsync(IReadOnlyList<string> args, ServerCommandNames names, string? defaultDatabase, string usage, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(names);
        string? command = args.Count == 0 ? null : args[0] == "tokens" && args.Count > 1 ? "tokens " + args[1] : args[0];
        string programName = names.Prefix(command);
        try
        {
            CommandLine commandLine = CommandLine.Parse(args, defaultDatabase, names);
            return await RunAsync(commandLine, programName, names, output, error);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"{programName}: {e.Message}{Environment.NewLine}{Environment.NewLine}{usage}");
            return ServerCommandOutcome.UsageError;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{programName}: {e.Message}");
            return ServerCommandOutcome.Failed;
        }
    }

    private static async Task<ServerCommandOutcome> RunAsync(CommandLine commandLine, string programName, ServerCommandNames names, TextWriter output, TextWriter error)
    {
        CancellationToken none = CancellationToken.None;
        if (commandLine.Command == "serve")
        {
            ServerSettings settings = commandLine.ServerSettings() with { CreateTokenCommand = names.CreateToken };
            await using WebApplication app = await VerdictServer.BuildAsync(settings, none);
            await app.StartAsync(none);
            await output.WriteLineAsync($"Vypr verdict server on {string.Join(", ", app.Urls)}; store: {settings.Store.Describe()}; reads: {settings.Reads.ToString().ToLowerInvariant()}");
            await output.FlushAsync(none);
            await app.WaitForShutdownAsync(none);
            return ServerCommandOutcome.Success;
        }

        // A wrong command line is a usage error before any store is opened (or created).
        string? name = commandLine.Command is "tokens create" or "tokens revoke" ? commandLine.TokenName : null;
        string? project = commandLine.Command == "tokens create" ? commandLine.TokenProject : null;
        StoreLocation store = commandLine.Store();
        await using var database = new VerdictDatabase(store);
        int version = await Migrations.ApplyAsync(database, none);
        var tokens = new TokenStore(database);
        switch (commandLine.Command)
        {
            case "migrate":
                await output.WriteLineAsync($"{store.Describe()}: schema version {version}");
                return ServerCommandOutcome.Success;
            case "tokens create":
                string token = await tokens.CreateAsync(name!, project, none);
                string scope = project is null ? "any project" : $"project '{project}' only";
                await error.WriteLineAsync($"Created token '{name}' (writes {scope}) in {store.Describe()}. It is shown once; the store keeps only its hash.");
                await output.WriteLineAsync(token);
                return ServerCommandOutcome.Success;
            case "tokens revoke":
                if (await tokens.RevokeAsync(name!, none))
                {
                    await output.WriteLineAsync($"Revoked token '{name}'.");
                    return ServerCommandOutcome.Success;
                }

                await error.WriteLineAsync($"{programName}: no live token named '{name}' in {store.Describe()}");
                return ServerCommandOutcome.NotFound;
            default:
                IReadOnlyList<TokenInfo> all = await tokens.ListAsync(none);
                foreach (TokenInfo info in all)
                {
                    string state = info.RevokedAt is { } revoked ? $"revoked {revoked:u}" : "live";
                    await output.WriteLineAsync($"{info.Name}\tcreated {info.CreatedAt:u}\t{state}\t{(info.Project is null ? "any project" : "project " + info.Project)}");
                }

                return ServerCommandOutcome.Success;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Vypr.Server.Storage;

namespace Vypr.Server;

/// <summary>The <c>vypr-server</c> executable.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 1 && args[0] is "help" or "--help" or "-h")
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        CommandLine commandLine;
        try
        {
            commandLine = CommandLine.Parse(args);
            return await RunAsync(commandLine);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"vypr-server: {e.Message}{Environment.NewLine}{Environment.NewLine}{CommandLine.Usage}");
            return 2;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or System.Net.Sockets.SocketException or System.IO.IOException)
        {
            await Console.Error.WriteLineAsync($"vypr-server: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(CommandLine commandLine)
    {
        CancellationToken none = CancellationToken.None;
        if (commandLine.Command == "serve")
        {
            ServerSettings settings = commandLine.ServerSettings();
            await using WebApplication app = await VerdictServer.BuildAsync(settings, none);
            await app.StartAsync(none);
            Console.WriteLine($"Vypr verdict server on {string.Join(", ", app.Urls)}; store: {settings.Store.Describe()}; reads: {settings.Reads.ToString().ToLowerInvariant()}");
            await app.WaitForShutdownAsync(none);
            return 0;
        }

        StoreLocation store = commandLine.Store();
        await using var database = new VerdictDatabase(store);
        int version = await Migrations.ApplyAsync(database, none);
        var tokens = new TokenStore(database);
        switch (commandLine.Command)
        {
            case "migrate":
                Console.WriteLine($"{store.Describe()}: schema version {version}");
                return 0;
            case "tokens create":
                string? project = commandLine.TokenProject;
                string token = await tokens.CreateAsync(commandLine.TokenName, project, none);
                string scope = project is null ? "any project" : $"project '{project}' only";
                Console.Error.WriteLine($"Created token '{commandLine.TokenName}' (writes {scope}). It is shown once; the server keeps only its hash.");
                Console.WriteLine(token);
                return 0;
            case "tokens revoke":
                if (await tokens.RevokeAsync(commandLine.TokenName, none))
                {
                    Console.WriteLine($"Revoked token '{commandLine.TokenName}'.");
                    return 0;
                }

                await Console.Error.WriteLineAsync($"vypr-server: no live token named '{commandLine.TokenName}'");
                return 1;
            default:
                IReadOnlyList<TokenInfo> all = await tokens.ListAsync(none);
                foreach (TokenInfo info in all)
                {
                    string state = info.RevokedAt is { } revoked ? $"revoked {revoked:u}" : "live";
                    Console.WriteLine($"{info.Name}\tcreated {info.CreatedAt:u}\t{state}\t{(info.Project is null ? "any project" : "project " + info.Project)}");
                }

                return 0;
        }
    }
}

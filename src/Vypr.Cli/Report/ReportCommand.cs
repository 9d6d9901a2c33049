using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Cli.Commands;
using Vypr.Cli.Storage;
using Vypr.Server.Storage;

namespace Vypr.Cli.Report;

/// <summary>
/// <c>vypr report [run] [--format text|markdown|json] [--output FILE] [--server URL | --db PATH | --postgres CONN]</c>:
/// a stored run (the newest when none is named) from the local store, another store, or a verdict server.
/// </summary>
internal static class ReportCommand
{
    /// <summary>The variable the server's token is read from unless <c>--token-env</c> names another.</summary>
    public const string TokenVariable = "VYPR_SERVER_TOKEN";

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "The run's ID (a GUID), or 'latest' for the newest stored run.", DefaultValueFactory = _ => "latest" };
        var format = new Option<string>("--format", "-f") { Description = "text (default), markdown or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of the terminal." };
        var server = new Option<string?>("--server") { Description = "Read from this verdict server (http://host:port) instead of a store." };
        var tokenEnv = new Option<string>("--token-env") { Description = "The environment variable holding the server's token (default VYPR_SERVER_TOKEN).", DefaultValueFactory = _ => TokenVariable };
        var db = new Option<string?>("--db") { Description = "Read this SQLite store (default .vypr/verdicts.db)." };
        var postgres = new Option<string?>("--postgres") { Description = "Read this PostgreSQL store (a connection string)." };
        var command = new Command("report", "Show a stored run (text, Markdown or JSON) from the local store, another store or a verdict server.")
        {
            run, format, output, server, tokenEnv, db, postgres,
        };
        command.SetAction((parse, cancel) => RunAsync(
            parse.GetValue(run)!,
            parse.GetValue(format)!,
            parse.GetValue(output),
            parse.GetValue(server),
            parse.GetValue(tokenEnv)!,
            parse.GetValue(db),
            parse.GetValue(postgres),
            cancel));
        return command;
    }

    private static async Task<int> RunAsync(string runText, string format, string? output, string? server, string tokenEnv, string? db, string? postgres, CancellationToken cancel)
    {
        Guid? runId = null;
        if (!string.Equals(runText, "latest", StringComparison.OrdinalIgnoreCase))
        {
            if (!Guid.TryParse(runText, out Guid parsed))
            {
                Console.Error.WriteLine($"vypr report: '{runText}' is not a run ID: expected a GUID (as 'vypr run' and the read API show it) or 'latest'.");
                return ExitCodes.UsageError;
            }

            runId = parsed;
        }

        if ((server is not null ? 1 : 0) + (db is not null ? 1 : 0) + (postgres is not null ? 1 : 0) > 1)
        {
            Console.Error.WriteLine("vypr report: give at most one of --server, --db and --postgres.");
            return ExitCodes.UsageError;
        }

        IStoredRunSource source;
        try
        {
            source = Source(server, tokenEnv, db, postgres);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"vypr report: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (StoredRunException e)
        {
            Console.Error.WriteLine($"vypr report: {e.Message}");
            return ExitCodes.Error;
        }

        await using (source)
        {
            StoredRun stored;
            try
            {
                stored = await StoredRun.LoadAsync(source, runId, cancel);
            }
            catch (Exception e) when (e is StoredRunException or System.Data.Common.DbException or InvalidOperationException)
            {
                Console.Error.WriteLine($"vypr report: {e.Message}");
                return ExitCodes.Error;
            }

            string text = format switch
            {
                "markdown" => StoredRunWriter.Markdown(stored),
                "json" => JsonSerializer.Serialize(stored, ReportJsonContext.Default.StoredRun) + Environment.NewLine,
                _ => StoredRunWriter.Text(stored),
            };
            if (output is null)
            {
                Console.Out.Write(text);
                return ExitCodes.Success;
            }

            try
            {
                await File.WriteAllTextAsync(output, text, cancel);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"vypr report: {output}: {e.Message}");
                return ExitCodes.Error;
            }

            Console.Error.WriteLine($"vypr report: run {stored.Run.RunId:D} written to {output}");
            return ExitCodes.Success;
        }
    }

    private static IStoredRunSource Source(string? server, string tokenEnv, string? db, string? postgres)
    {
        if (server is not null)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"--server: '{server}' is not an http(s) address such as http://127.0.0.1:5080");
            }

            return new ServerRunSource(server, Environment.GetEnvironmentVariable(tokenEnv) is { Length: > 0 } token ? token : null, tokenEnv);
        }

        if (postgres is not null)
        {
            return new StoreRunSource(StoreLocation.PostgreSql(postgres));
        }

        // A report reads; it never creates an empty store where the user mistyped a path.
        string file = Path.GetFullPath(db ?? LocalStore.In(Environment.CurrentDirectory));
        if (!File.Exists(file))
        {
            throw new StoredRunException($"there is no store at {file} ('vypr run' writes .vypr/verdicts.db beside vypr.yml; name another with --db, --postgres or --server)");
        }

        return new StoreRunSource(StoreLocation.Sqlite(file));
    }
}

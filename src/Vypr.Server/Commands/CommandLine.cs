using System;
using System.Collections.Generic;
using System.Globalization;
using Vypr.Server.Storage;

namespace Vypr.Server;

/// <summary>
/// The server executable's arguments: a command (<c>serve</c>, <c>tokens create|revoke|list</c>, <c>migrate</c>)
/// and <c>--name value</c> options, with environment variables as fallbacks for the store and address.
/// </summary>
internal sealed class CommandLine
{
    public const string DatabaseVariable = "VYPR_SERVER_DB";
    public const string PostgresVariable = "VYPR_SERVER_POSTGRES";
    public const string UrlsVariable = "VYPR_SERVER_URLS";
    public const string ReadsVariable = "VYPR_SERVER_READS";

    public const string Usage = """
        Usage: vypr-server <command> [options]

        Commands:
          serve                     Start the server (SQLite file ./vypr.db unless told otherwise)
          tokens create --name N [--project P]
                                    Create an API token for writes (to project P only, when given); it is printed once
          tokens revoke --name N    Revoke a token
          tokens list               List tokens (names and dates; tokens themselves are never stored)
          migrate                   Apply schema migrations and exit

        Store (every command; at most one):
          --db PATH                 SQLite file (env VYPR_SERVER_DB; default ./vypr.db)
          --postgres CONNSTRING     PostgreSQL connection string (env VYPR_SERVER_POSTGRES)

        serve options:
          --urls URLS               Addresses to listen on (env VYPR_SERVER_URLS; default http://127.0.0.1:5080)
          --reads open|token        Whether reads need a token (env VYPR_SERVER_READS; default open)
          --max-request-mb N        Largest ingest body, before and after gzip (default 32)
          --max-verdicts N          Most verdicts per ingest request (default 100000)
          --max-ingests N           Ingest requests read and stored at once (default 4)
          --max-queued-ingests N    Ingest requests waiting for a turn before 503 (default 64)
        """;

    private static readonly Dictionary<string, string[]> s_optionsOf = new(StringComparer.Ordinal)
    {
        ["serve"] = ["db", "postgres", "urls", "reads", "max-request-mb", "max-verdicts", "max-ingests", "max-queued-ingests"],
        ["migrate"] = ["db", "postgres"],
        ["tokens create"] = ["db", "postgres", "name", "project"],
        ["tokens revoke"] = ["db", "postgres", "name"],
        ["tokens list"] = ["db", "postgres"],
    };

    private readonly Dictionary<string, string> _options;
    private readonly string? _defaultDatabase;
    private readonly ServerCommandNames _names;

    private CommandLine(string command, Dictionary<string, string> options, string? defaultDatabase, ServerCommandNames names)
    {
        Command = command;
        _options = options;
        _defaultDatabase = defaultDatabase;
        _names = names;
    }

    /// <summary>The command: <c>serve</c>, <c>migrate</c>, <c>tokens create</c>, <c>tokens revoke</c> or <c>tokens list</c>.</summary>
    public string Command { get; }

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    /// <param name="args">The command and its options.</param>
    /// <param name="defaultDatabase">
    /// The SQLite file when no option or variable names a store (its directory is created), or null for <c>./vypr.db</c>.
    /// </param>
    /// <param name="names">How messages name the commands (the server's by default).</param>
    public static CommandLine Parse(IReadOnlyList<string> args, string? defaultDatabase = null, ServerCommandNames? names = null)
    {
        names ??= ServerCommandNames.Server;
        if (args.Count == 0)
        {
            throw new ArgumentException("no command given");
        }

        int next = 1;
        string command = args[0];
        if (command == "tokens")
        {
            if (args.Count < 2)
            {
                throw new ArgumentException("'tokens' needs a subcommand: create, revoke or list");
            }

            command = "tokens " + args[1];
            next = 2;
        }

        if (!s_optionsOf.TryGetValue(command, out string[]? allowed))
        {
            throw new ArgumentException($"unknown command '{command}'");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = next; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || Array.IndexOf(allowed, arg[2..]) < 0)
            {
                throw new ArgumentException($"'{names.Command(command)}' does not take '{arg}'");
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"'{arg}' needs a value");
            }

            if (!options.TryAdd(arg[2..], args[++i]))
            {
                throw new ArgumentException($"'{arg}' is given twice");
            }
        }

        return new CommandLine(command, options, defaultDatabase, names);
    }

    /// <summary>The <c>--name</c> option, required by the token commands that take it.</summary>
    public string TokenName => _options.TryGetValue("name", out string? name) && !string.IsNullOrWhiteSpace(name)
        ? name.Trim()
        : throw new ArgumentException($"'{_names.Command(Command)}' needs --name");

    /// <summary>The <c>--project</c> option of <c>tokens create</c>, or null when the token may write any project.</summary>
    public string? TokenProject => _options.TryGetValue("project", out string? project)
        ? (string.IsNullOrWhiteSpace(project) ? throw new ArgumentException("--project is empty") : project.Trim())
        : null;

    /// <summary>The store, from <c>--db</c>/<c>--postgres</c>, else the environment, else the default SQLite file.</summary>
    public StoreLocation Store()
    {
        string? file = Option("db", DatabaseVariable);
        string? postgres = Option("postgres", PostgresVariable);
        if (file is not null && postgres is not null)
        {
            throw new ArgumentException("give either a SQLite file (--db / VYPR_SERVER_DB) or a PostgreSQL connection string (--postgres / VYPR_SERVER_POSTGRES), not both");
        }

        if (postgres is not null)
        {
            return StoreLocation.PostgreSql(postgres);
        }

        if (file is null && _defaultDatabase is not null)
        {
            // A default store is the caller's choice, not the user's: its directory (.vypr/) is made, not demanded.
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_defaultDatabase))!);
            return StoreLocation.Sqlite(_defaultDatabase);
        }

        return StoreLocation.Sqlite(file ?? StoreLocation.DefaultSqlitePath);
    }

    /// <summary>The settings of <c>serve</c>.</summary>
    public ServerSettings ServerSettings()
    {
        string urls = Option("urls", UrlsVariable) ?? Vypr.Server.ServerSettings.DefaultUrls;
        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"--urls: '{url}' is not an http(s) URL");
            }
        }

        ReadAccess reads = (Option("reads", ReadsVariable) ?? "open") switch
        {
            "open" => ReadAccess.Open,
            "token" => ReadAccess.Token,
            string other => throw new ArgumentException($"--reads: '{other}' is neither 'open' nor 'token'"),
        };
        long megabytes = Number("max-request-mb", 32, 1, 1024);
        int verdicts = (int)Number("max-verdicts", Vypr.Server.ServerSettings.DefaultMaxVerdictsPerRequest, 1, 10_000_000);
        int ingests = (int)Number("max-ingests", Vypr.Server.ServerSettings.DefaultMaxConcurrentIngests, 1, 1024);
        int queued = (int)Number("max-queued-ingests", Vypr.Server.ServerSettings.DefaultMaxQueuedIngests, 0, 100_000);
        return new ServerSettings(Store(), urls, reads, megabytes * 1024 * 1024, verdicts) { MaxConcurrentIngests = ingests, MaxQueuedIngests = queued };
    }

    private long Number(string name, long fallback, long min, long max)
    {
        if (!_options.TryGetValue(name, out string? text))
        {
            return fallback;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            throw new ArgumentException($"--{name}: '{text}' is not a whole number from {min} to {max}");
        }

        return value;
    }

    private string? Option(string name, string variable)
    {
        if (_options.TryGetValue(name, out string? value))
        {
            return string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"--{name} is empty") : value;
        }

        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
    }
}

using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Npgsql;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Load.Tests.Support;

/// <summary>The store a <see cref="VerdictServerProcess"/> keeps its runs in.</summary>
public enum StoreKind
{
    /// <summary>A SQLite file in a new temporary directory.</summary>
    Sqlite,

    /// <summary>A new database on the PostgreSQL server named by VYPR_TEST_POSTGRES.</summary>
    PostgreSql,
}

/// <summary>
/// A real <c>vypr-server</c> process (<see cref="ServerProcess"/>) on a fresh store, on a free loopback port, with a
/// write token made through its command line. The PostgreSQL database is made here and dropped on dispose.
/// </summary>
public sealed class VerdictServerProcess : IAsyncDisposable
{
    private const string PostgresVariable = "VYPR_TEST_POSTGRES";

    private readonly ServerProcess _process;
    private readonly string? _admin;
    private readonly string? _database;

    private VerdictServerProcess(ServerProcess process, string token, string directory, string? admin, string? database)
    {
        _process = process;
        Token = token;
        Directory = directory;
        _admin = admin;
        _database = database;
    }

    public Uri Address => _process.BaseAddress;

    public string Token { get; }

    /// <summary>A scratch directory (the SQLite file), deleted on dispose.</summary>
    public string Directory { get; }

    public string Output => _process.Output;

    public static async Task<VerdictServerProcess> StartAsync(StoreKind kind)
    {
        string? admin = kind == StoreKind.PostgreSql ? PostgresConnectionString() : null;
        string directory = Path.Combine(Path.GetTempPath(), "vypr-load-server-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        string? database = null;
        string store;
        if (admin is null)
        {
            store = $"--db \"{Path.Combine(directory, "vypr.db")}\"";
        }
        else
        {
            // Database names cannot be parameters; this one is made from a GUID here, never from input.
            database = "vypr_load_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync(TestContext.Current.CancellationToken);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            store = $"--postgres \"{new NpgsqlConnectionStringBuilder(admin) { Database = database }}\"";
        }

        (int exit, string token, string error) = await ServerProcess.RunAsync($"tokens create --name load {store}");
        Assert.True(exit == 0, error);
        var server = new VerdictServerProcess(new ServerProcess(store, Ports.Free()), token.Trim(), directory, admin, database);
        await server._process.StartAsync();
        return server;
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
        if (_admin is not null && _database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database}", connection);
                    await drop.ExecuteNonQueryAsync();
                    return;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 100)
                {
                    // The killed server's sessions are still leaving.
                    await Task.Delay(100);
                }
            }
        }
    }

    private static string PostgresConnectionString()
    {
        if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } connectionString)
        {
            return connectionString;
        }

        const string why = $"{PostgresVariable} is not set: start a server with 'eval \"$(bash .ci/postgres.sh)\"'";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(why);
        }

        Assert.Skip(why);
        return string.Empty;
    }
}

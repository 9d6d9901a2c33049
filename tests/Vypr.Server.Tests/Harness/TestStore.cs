using System;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using Vypr.Server.Storage;
using Xunit;

namespace Vypr.Server.Tests.Harness;

/// <summary>
/// A fresh, empty store for one test: a SQLite file in a new temporary directory, or a new database on the
/// PostgreSQL server named by VYPR_TEST_POSTGRES (created and dropped here).
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "VYPR_TEST_POSTGRES";

    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private TestStore(StoreLocation location, string directory, string? adminConnectionString, string? databaseName)
    {
        Location = location;
        Directory = directory;
        _adminConnectionString = adminConnectionString;
        _databaseName = databaseName;
    }

    internal StoreLocation Location { get; }

    /// <summary>The <c>--db</c> or <c>--postgres</c> option that names this store on <c>vypr-server</c>'s command line.</summary>
    internal string ServerArguments => Location.Provider == StoreProvider.Sqlite
        ? $"--db \"{new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(Location.ConnectionString).DataSource}\""
        : $"--postgres \"{Location.ConnectionString}\"";

    /// <summary>A temporary directory owned by the test (the SQLite file, spools).</summary>
    public string Directory { get; }

    public static async Task<TestStore> CreateAsync(StoreKind kind)
    {
        // Resolved first: a skipped or failed PostgreSQL test must not leave a directory behind.
        string? admin = kind == StoreKind.PostgreSql ? PostgresConnectionString() : null;
        string directory = Path.Combine(Path.GetTempPath(), "vypr-server-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        if (admin is null)
        {
            return new TestStore(StoreLocation.Sqlite(Path.Combine(directory, "vypr.db")), directory, null, null);
        }

        // Database names cannot be bound as parameters; this one is made here from a GUID, never from input.
        string name = "vypr_t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestStore(StoreLocation.PostgreSql(builder.ToString()), directory, admin, name);
    }

    /// <summary>The PostgreSQL test server; fails under CI=true when it is not configured, else skips the test.</summary>
    public static string PostgresConnectionString()
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

    /// <summary>
    /// Drops a test database whatever else still uses it. <c>DROP DATABASE ... WITH (FORCE)</c> failed under load
    /// with 42501: it terminates every other session, an autovacuum worker's too, and only a superuser may do that.
    /// Instead: no new sessions, this role's sessions (pooled connections of stopped servers) terminated, then a plain
    /// DROP, which stops autovacuum workers itself; 55006 (a session still leaving) is waited out, not raced.
    /// </summary>
    private static async Task DropDatabaseAsync(string adminConnectionString, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using (var close = new NpgsqlCommand($"ALTER DATABASE {name} ALLOW_CONNECTIONS false", connection))
        {
            await close.ExecuteNonQueryAsync();
        }

        for (int attempt = 1; ; attempt++)
        {
            await using (var terminate = new NpgsqlCommand(
                "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND usename = current_user AND pid <> pg_backend_pid()",
                connection))
            {
                terminate.Parameters.AddWithValue("name", name);
                await terminate.ExecuteScalarAsync();
            }

            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name}", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 200)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnectionString is not null)
        {
            await DropDatabaseAsync(_adminConnectionString, _databaseName!);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a connection the pool has not closed yet: the OS temp cleaner takes it.
        }
    }
}

using System;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Vypr.Tests.Shared;

/// <summary>
/// A new, empty database on the PostgreSQL server named by <c>VYPR_TEST_POSTGRES</c>, for one test's store, dropped on
/// dispose. Without that variable the test is skipped, except under <c>CI=true</c>, where it fails. Shared by the
/// suites that store in PostgreSQL, as a linked source file.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The variable that names the PostgreSQL server (an administrative connection string).</summary>
    public const string Variable = "VYPR_TEST_POSTGRES";

    private readonly string _admin;

    private TestDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>The connection string of the database.</summary>
    public string ConnectionString { get; }

    /// <summary>The PostgreSQL test server; fails under CI=true when it is not configured, else skips the test.</summary>
    /// <returns>Its administrative connection string.</returns>
    public static string AdminConnectionString()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString)
        {
            return connectionString;
        }

        const string why = $"{Variable} is not set: start a server with 'eval \"$(bash .ci/postgres.sh)\"'";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(why);
        }

        Assert.Skip(why);
        return string.Empty;
    }

    /// <summary>Creates a database named <paramref name="prefix"/> and a new GUID.</summary>
    /// <param name="prefix">The start of its name (<c>vypr_t_</c>), so a suite's leftovers are recognisable.</param>
    /// <returns>The database.</returns>
    public static async Task<TestDatabase> CreateAsync(string prefix)
    {
        string admin = AdminConnectionString();

        // Database names cannot be bound as parameters; this one is made here from a GUID, never from input.
        string name = prefix + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return new TestDatabase(admin, name);
    }

    /// <summary>
    /// Drops the database whatever else still uses it. <c>DROP DATABASE ... WITH (FORCE)</c> failed under load with
    /// 42501: it terminates every other session, an autovacuum worker's too, and only a superuser may do that.
    /// Instead: no new sessions, this role's sessions (pooled connections of stopped servers) terminated, then a plain
    /// DROP, which stops autovacuum workers itself; 55006 (a session still leaving) is waited out, not raced.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using (var close = new NpgsqlCommand($"ALTER DATABASE {Name} ALLOW_CONNECTIONS false", connection))
        {
            await close.ExecuteNonQueryAsync();
        }

        for (int attempt = 1; ; attempt++)
        {
            await using (var terminate = new NpgsqlCommand(
                "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND usename = current_user AND pid <> pg_backend_pid()",
                connection))
            {
                terminate.Parameters.AddWithValue("name", Name);
                await terminate.ExecuteScalarAsync();
            }

            try
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name}", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 200)
            {
                await Task.Delay(100);
            }
        }
    }
}

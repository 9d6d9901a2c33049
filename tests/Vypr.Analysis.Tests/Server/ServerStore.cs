using System;
using System.IO;
using System.Threading.Tasks;
using Npgsql;
using Xunit;

namespace Vypr.Analysis.Tests.Server;

/// <summary>
/// An empty store for one test's server: a SQLite file in a new temporary directory, or a new database on the
/// PostgreSQL server named by VYPR_TEST_POSTGRES (created and dropped here; skipped without it, failed under CI=true).
/// </summary>
internal sealed class ServerStore : IAsyncDisposable
{
    private readonly string? admin;
    private readonly string? database;

    private ServerStore(string arguments, string directory, string? admin, string? database)
    {
        Arguments = arguments;
        Directory = directory;
        this.admin = admin;
        this.database = database;
    }

    /// <summary>The <c>--db</c> or <c>--postgres</c> option naming the store on vypr-server's command line.</summary>
    public string Arguments { get; }

    public string Directory { get; }

    public static async Task<ServerStore> CreateAsync(string kind)
    {
        string? admin = kind == "postgresql" ? PostgresConnectionString() : null;
        string directory = System.IO.Directory.CreateTempSubdirectory("vypr-analysis-server-").FullName;
        if (admin is null)
        {
            return new ServerStore($"--db \"{Path.Combine(directory, "vypr.db")}\"", directory, null, null);
        }

        // Database names cannot be parameters; this one is made from a GUID here, never from input.
        string name = "vypr_a_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new ServerStore($"--postgres \"{builder}\"", directory, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (admin is not null)
        {
            // The server process is gone by now (disposed first); a session still leaving is waited out.
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database}", connection);
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 200)
                {
                    await Task.Delay(100);
                }
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static string PostgresConnectionString()
    {
        if (Environment.GetEnvironmentVariable("VYPR_TEST_POSTGRES") is { Length: > 0 } connectionString)
        {
            return connectionString;
        }

        const string why = "VYPR_TEST_POSTGRES is not set: start a server with 'eval \"$(bash .ci/postgres.sh)\"'";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(why);
        }

        Assert.Skip(why);
        return string.Empty;
    }
}

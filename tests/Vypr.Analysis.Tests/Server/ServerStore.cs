using System;
using System.IO;
using System.Threading.Tasks;
using Vypr.Tests.Shared;

namespace Vypr.Analysis.Tests.Server;

/// <summary>
/// An empty store for one test's server: a SQLite file in a new temporary directory, or a new database on the
/// PostgreSQL server named by VYPR_TEST_POSTGRES (created and dropped here; skipped without it, failed under CI=true).
/// </summary>
internal sealed class ServerStore : IAsyncDisposable
{
    private readonly TestDatabase? database;

    private ServerStore(string arguments, string directory, TestDatabase? database)
    {
        Arguments = arguments;
        Directory = directory;
        this.database = database;
    }

    /// <summary>The <c>--db</c> or <c>--postgres</c> option naming the store on vypr-server's command line.</summary>
    public string Arguments { get; }

    public string Directory { get; }

    public static async Task<ServerStore> CreateAsync(string kind)
    {
        TestDatabase? database = kind == "postgresql" ? await TestDatabase.CreateAsync("vypr_a_") : null;
        string directory = System.IO.Directory.CreateTempSubdirectory("vypr-analysis-server-").FullName;
        string arguments = database is null ? $"--db \"{Path.Combine(directory, "vypr.db")}\"" : $"--postgres \"{database.ConnectionString}\"";
        return new ServerStore(arguments, directory, database);
    }

    public async ValueTask DisposeAsync()
    {
        // The server process is gone by now (disposed first).
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

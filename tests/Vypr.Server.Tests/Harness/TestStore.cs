using System;
using System.IO;
using System.Threading.Tasks;
using Vypr.Server.Storage;
using Vypr.Tests.Shared;

namespace Vypr.Server.Tests.Harness;

/// <summary>
/// A fresh, empty store for one test: a SQLite file in a new temporary directory, or a new database on the
/// PostgreSQL server named by VYPR_TEST_POSTGRES (created and dropped here).
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly TestDatabase? _database;

    private TestStore(StoreLocation location, string directory, TestDatabase? database)
    {
        Location = location;
        Directory = directory;
        _database = database;
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
        // Made first: a skipped or failed PostgreSQL test must not leave a directory behind.
        TestDatabase? database = kind == StoreKind.PostgreSql ? await TestDatabase.CreateAsync("vypr_t_") : null;
        string directory = Path.Combine(Path.GetTempPath(), "vypr-server-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return database is null
            ? new TestStore(StoreLocation.Sqlite(Path.Combine(directory, "vypr.db")), directory, null)
            : new TestStore(StoreLocation.PostgreSql(database.ConnectionString), directory, database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
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

using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
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
    private readonly ServerProcess _process;
    private readonly TestDatabase? _database;

    private VerdictServerProcess(ServerProcess process, string token, string directory, TestDatabase? database)
    {
        _process = process;
        Token = token;
        Directory = directory;
        _database = database;
    }

    public Uri Address => _process.BaseAddress;

    public string Token { get; }

    /// <summary>A scratch directory (the SQLite file), deleted on dispose.</summary>
    public string Directory { get; }

    public string Output => _process.Output;

    public static async Task<VerdictServerProcess> StartAsync(StoreKind kind)
    {
        TestDatabase? database = kind == StoreKind.PostgreSql ? await TestDatabase.CreateAsync("vypr_load_") : null;
        string directory = Path.Combine(Path.GetTempPath(), "vypr-load-server-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        string store = database is null ? $"--db \"{Path.Combine(directory, "vypr.db")}\"" : $"--postgres \"{database.ConnectionString}\"";
        (int exit, string token, string error) = await ServerProcess.RunAsync($"tokens create --name load {store}");
        Assert.True(exit == 0, error);
        var server = new VerdictServerProcess(new ServerProcess(store, Ports.Free()), token.Trim(), directory, database);
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
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.Tests.Shared;

/// <summary>
/// A real <c>vypr-server</c> process (<see cref="ServerProcess"/>) on a fresh store, on a free loopback port, with a
/// write token made through its command line. The PostgreSQL database is made here and dropped on dispose. Shared by
/// the suites that send to a server as its clients do (load runs, shipped verdicts), as a linked source file.
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

    public static async Task<VerdictServerProcess> StartAsync(StoreKind kind = StoreKind.Sqlite)
    {
        TestDatabase? database = kind == StoreKind.PostgreSql ? await TestDatabase.CreateAsync("vypr_s_") : null;
        string directory = Path.Combine(Path.GetTempPath(), "vypr-test-server-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        string store = database is null ? $"--db \"{Path.Combine(directory, "vypr.db")}\"" : $"--postgres \"{database.ConnectionString}\"";
        (int exit, string token, string error) = await ServerProcess.RunAsync($"tokens create --name tests {store}");
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

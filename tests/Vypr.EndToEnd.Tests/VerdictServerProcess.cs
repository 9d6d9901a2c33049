using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.EndToEnd.Tests;

/// <summary>
/// A real <c>vypr-server</c> (<see cref="ServerProcess"/>) on a fresh SQLite file, listening on a free loopback port,
/// with a write token made through its command line.
/// </summary>
public sealed class VerdictServerProcess : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private VerdictServerProcess(ServerProcess process, string token, string directory)
    {
        _process = process;
        Token = token;
        Directory = directory;
    }

    public Uri Address => _process.BaseAddress;

    public string Token { get; }

    /// <summary>A scratch directory for the store (and the caller's spool), deleted on dispose.</summary>
    public string Directory { get; }

    public static async Task<VerdictServerProcess> StartAsync()
    {
        string directory = Path.Combine(Path.GetTempPath(), "vypr-e2e-server-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        string store = $"--db \"{Path.Combine(directory, "vypr.db")}\"";

        (int exit, string token, string error) = await ServerProcess.RunAsync($"tokens create --name e2e {store}");
        Assert.True(exit == 0, error);

        var server = new VerdictServerProcess(new ServerProcess(store, Ports.Free()), token.Trim(), directory);
        await server._process.StartAsync();
        return server;
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

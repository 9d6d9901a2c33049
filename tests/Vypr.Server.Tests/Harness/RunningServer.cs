using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Vypr.Server.Storage;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests.Harness;

/// <summary>A real verdict server (Kestrel on 127.0.0.1, a fixed free port) that a test can stop and start again.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly ServerSettings _settings;
    private WebApplication? _app;

    private RunningServer(ServerSettings settings, Uri baseAddress, string token)
    {
        _settings = settings;
        BaseAddress = baseAddress;
        Token = token;
        Client = new HttpClient { BaseAddress = baseAddress };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Anonymous = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>A live write token, created before the server started.</summary>
    public string Token { get; }

    /// <summary>A client that sends <see cref="Token"/>.</summary>
    public HttpClient Client { get; }

    /// <summary>A client without a token.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>The running server's services, for a test that must observe its state (null while stopped).</summary>
    public IServiceProvider? Services => _app?.Services;

    internal static async Task<RunningServer> StartAsync(
        TestStore store,
        ReadAccess reads = ReadAccess.Open,
        long maxRequestBytes = ServerSettings.DefaultMaxRequestBytes,
        int? port = null,
        int maxConcurrentIngests = ServerSettings.DefaultMaxConcurrentIngests,
        int maxQueuedIngests = ServerSettings.DefaultMaxQueuedIngests)
    {
        port ??= Ports.Free();
        var settings = new ServerSettings(store.Location, $"http://127.0.0.1:{port}", reads, maxRequestBytes, ServerSettings.DefaultMaxVerdictsPerRequest)
        {
            MaxConcurrentIngests = maxConcurrentIngests,
            MaxQueuedIngests = maxQueuedIngests,
        };
        string token;
        await using (var database = new VerdictDatabase(store.Location))
        {
            await Migrations.ApplyAsync(database, TestContext.Current.CancellationToken);
            token = await new TokenStore(database).CreateAsync("tests", TestContext.Current.CancellationToken);
        }

        var server = new RunningServer(settings, new Uri($"http://127.0.0.1:{port}/"), token);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        _app = await VerdictServer.BuildAsync(_settings, TestContext.Current.CancellationToken);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Stops Kestrel for real: the port refuses connections until it is started again.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(TestContext.Current.CancellationToken);
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        Anonymous.Dispose();
    }
}

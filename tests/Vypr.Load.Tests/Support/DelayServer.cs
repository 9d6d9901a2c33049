using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vypr.Load.Tests.Support;

/// <summary>
/// A real Kestrel server on loopback: <c>/delay</c> waits the injected delay and answers 1000 bytes, <c>/fail</c>
/// answers 500. It counts requests and the most it served at once.
/// </summary>
public sealed class DelayServer : IAsyncDisposable
{
    public const int BodyLength = 1000;

    private readonly WebApplication _app;
    private int _concurrent;
    private int _maxConcurrent;
    private int _requests;

    private DelayServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public int Requests => Volatile.Read(ref _requests);

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public static async Task<DelayServer> StartAsync(TimeSpan delay)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var server = new DelayServer(app);
        byte[] body = new byte[BodyLength];
        app.MapGet("/delay", async (HttpContext context) =>
        {
            server.Enter();
            try
            {
                await Task.Delay(delay);
                context.Response.ContentType = "application/octet-stream";
                await context.Response.Body.WriteAsync(body);
            }
            finally
            {
                Interlocked.Decrement(ref server._concurrent);
            }
        });
        app.MapGet("/fail", (HttpContext context) =>
        {
            Interlocked.Increment(ref server._requests);
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Enter()
    {
        Interlocked.Increment(ref _requests);
        int now = Interlocked.Increment(ref _concurrent);
        int max;
        while (now > (max = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, now, max) != max)
        {
        }
    }
}

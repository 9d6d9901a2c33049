using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Load;

namespace Vypr.Load.TestLibrary;

/// <summary>GETs a URL once per fire with one client shared by all fires; records the response size as the metric <c>bytes</c>.</summary>
public sealed class HttpGetTest(string url, TimeSpan timeout = default) : LoadTest
{
    private HttpClient? _client;

    public override ValueTask StartupAsync(CancellationToken cancellationToken)
    {
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            Timeout = timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(30),
        };
        return default;
    }

    public override async ValueTask RunAsync(FireContext fire)
    {
        using HttpResponseMessage response = await _client!.GetAsync(url, fire.CancellationToken).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(fire.CancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        fire.Record("bytes", body.Length);
    }

    public override ValueTask ShutdownAsync(CancellationToken cancellationToken)
    {
        _client?.Dispose();
        return default;
    }
}

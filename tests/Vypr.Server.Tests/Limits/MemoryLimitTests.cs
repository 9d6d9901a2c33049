using System;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Vypr.Server.Ingest;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests.Limits;

/// <summary>What one ingest request, and all of them together, may make the server hold.</summary>
public sealed class MemoryLimitTests
{
    [Fact]
    public async Task A_gzip_bomb_gets_413_with_problem_details_and_stores_nothing()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store, maxRequestBytes: 4 * 1024 * 1024);
        // 256 MiB of JSON whitespace inflating from about 250 KiB: far under the wire limit, far over the inflated one.
        byte[] bomb;
        using (var buffer = new MemoryStream())
        {
            await using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                byte[] spaces = new byte[1024 * 1024];
                spaces.AsSpan().Fill((byte)' ');
                for (int i = 0; i < 256; i++)
                {
                    gzip.Write(spaces);
                }
            }

            bomb = buffer.ToArray();
        }

        Assert.True(bomb.Length < 4 * 1024 * 1024, $"the bomb is {bomb.Length} bytes compressed");
        var content = new ByteArrayContent(bomb);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        JsonElement problem = await Http.PostAsync(server.Client, "api/v1/ingest", content, 413);

        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Contains("larger than 4194304 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await StoreCounts.CountAsync(store, "runs"));
    }

    [Fact]
    public async Task Ingests_beyond_the_concurrency_and_queue_limits_get_503_with_retry_after_and_the_limits_have_bounded_defaults()
    {
        CommandLine defaults = CommandLine.Parse(["serve", "--db", Path.Combine(Path.GetTempPath(), "unused.db")]);
        ServerSettings settings = defaults.ServerSettings();
        Assert.Equal((32L * 1024 * 1024, 4, 64), (settings.MaxRequestBytes, settings.MaxConcurrentIngests, settings.MaxQueuedIngests));

        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store, maxConcurrentIngests: 1, maxQueuedIngests: 0);
        string json = Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 3));
        var slow = new SlowContent(Encoding.UTF8.GetBytes(json));
        slow.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Task<HttpResponseMessage> holding = server.Client.PostAsync("api/v1/ingest", slow, TestContext.Current.CancellationToken);
        await slow.Started.Task.WaitAsync(TestContext.Current.CancellationToken);

        // The slow request must hold the only turn before anything else is sent: a request sent earlier could reach the
        // gate first, and then the slow one is the request turned away (its handler can run seconds after its first
        // bytes arrived on a loaded machine). The wait is bounded by time, not by a count of attempts.
        IngestGate gate = server.Services!.GetRequiredService<IngestGate>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (gate.InProgress == 0 && !holding.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        if (holding.IsCompleted)
        {
            using HttpResponseMessage early = await holding;
            Assert.Fail($"the slow request ended with {(int)early.StatusCode} before it held the only turn");
        }

        Assert.Equal(1, gate.InProgress);

        // With the only turn held and no room to wait, the next batch is turned away at once.
        HttpResponseMessage refused = await server.Client.PostAsync("api/v1/ingest", Documents.JsonContent(Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 1))), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        refused.Dispose();

        slow.Finish.SetResult();
        using HttpResponseMessage held = await holding;
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
    }

    /// <summary>A body sent in two halves, the second only when the test says so.</summary>
    private sealed class SlowContent(byte[] body) : HttpContent
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(body.AsMemory(0, body.Length / 2), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            Started.SetResult();
            await Finish.Task.WaitAsync(cancellationToken);
            await stream.WriteAsync(body.AsMemory(body.Length / 2), cancellationToken);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}

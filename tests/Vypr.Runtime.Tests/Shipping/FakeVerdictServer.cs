using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vypr.Contracts;

namespace Vypr.Runtime.Tests.Shipping;

/// <summary>
/// A verdict server on loopback (real Kestrel, real HTTP) that a test controls: it parses every batch with the
/// contracts' JSON context, stores each verdict once by (run, sequence) and counts deliveries, files each run under
/// the first project it came with and refuses it under another (400, as the real server does), ties tokens to
/// projects (403), and can be made to answer an error status, answer late, or go away and come back on its port.
/// </summary>
internal sealed class FakeVerdictServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(Guid Run, long Sequence), VerdictInfo> _stored = [];
    private readonly Dictionary<(Guid Run, long Sequence), int> _deliveries = [];
    private readonly Dictionary<Guid, string> _projectOfRun = [];
    private readonly Dictionary<Guid, int> _closingBatches = [];
    private readonly Dictionary<Guid, string?> _ciJobOfRun = [];
    private readonly HashSet<long> _poisonedSequences = [];
    private WebApplication? _app;
    private int _requests;

    public FakeVerdictServer(int? port = null)
    {
        Port = port ?? Vypr.Tests.Shared.Ports.Free();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>When set, every request is answered with this status (after the delay) and nothing is stored.</summary>
    public int? FailWith { get; set; }

    /// <summary>How long each request waits before it is handled.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The project each token may write; when empty, any token writes any project.</summary>
    public Dictionary<string, string> TokenProjects { get; } = [];

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Batches holding a verdict of one of these sequences are refused as invalid (400).</summary>
    public void Poison(long sequence)
    {
        lock (_lock)
        {
            _poisonedSequences.Add(sequence);
        }
    }

    public async Task StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(1));
        WebApplication app = builder.Build();
        app.MapPost("/api/v1/ingest", (Delegate)HandleAsync);
        await app.StartAsync();
        _app = app;
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The verdicts stored for <paramref name="run"/>, by sequence.</summary>
    public SortedDictionary<long, VerdictInfo> StoredOf(Guid run)
    {
        lock (_lock)
        {
            return new SortedDictionary<long, VerdictInfo>(_stored.Where(e => e.Key.Run == run).ToDictionary(e => e.Key.Sequence, e => e.Value));
        }
    }

    public string? ProjectOf(Guid run)
    {
        lock (_lock)
        {
            return _projectOfRun.GetValueOrDefault(run);
        }
    }

    public string? CiJobOf(Guid run)
    {
        lock (_lock)
        {
            return _ciJobOfRun.GetValueOrDefault(run);
        }
    }

    public int ClosingBatchesOf(Guid run)
    {
        lock (_lock)
        {
            return _closingBatches.GetValueOrDefault(run);
        }
    }

    public int StoredCount
    {
        get
        {
            lock (_lock)
            {
                return _stored.Count;
            }
        }
    }

    /// <summary>The most times one verdict was delivered (more than once only when an acknowledgement was lost).</summary>
    public int MostDeliveries
    {
        get
        {
            lock (_lock)
            {
                return _deliveries.Count == 0 ? 0 : _deliveries.Values.Max();
            }
        }
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (Delay > TimeSpan.Zero)
        {
            // Not cut short when the client gives up: the batch is then stored with its acknowledgement lost.
            await Task.Delay(Delay);
        }

        if (FailWith is { } status)
        {
            return Microsoft.AspNetCore.Http.Results.Problem("made to fail", statusCode: status);
        }

        string project = context.Request.Query["project"].ToString();
        string? ciJob = context.Request.Query["ciJob"].Count > 0 ? context.Request.Query["ciJob"].ToString() : null;
        string token = context.Request.Headers.Authorization.ToString().Replace("Bearer ", string.Empty, StringComparison.Ordinal);
        if (TokenProjects.Count > 0 && (!TokenProjects.TryGetValue(token, out string? allowed) || allowed != project))
        {
            return Microsoft.AspNetCore.Http.Results.Problem($"this token may not write project '{project}'", statusCode: 403);
        }

        RunDocument? document;
        try
        {
            await using var gzip = new GZipStream(context.Request.Body, CompressionMode.Decompress);
            document = await JsonSerializer.DeserializeAsync(gzip, VyprJsonContext.Default.RunDocument);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return Microsoft.AspNetCore.Http.Results.Problem(e.Message, statusCode: 400);
        }

        if (document is null)
        {
            return Microsoft.AspNetCore.Http.Results.Problem("empty body", statusCode: 400);
        }

        lock (_lock)
        {
            Guid run = document.Run.RunId;
            if (_projectOfRun.TryGetValue(run, out string? filedUnder) && filedUnder != project)
            {
                return Microsoft.AspNetCore.Http.Results.Problem($"run {run} was stored earlier under another project", statusCode: 400);
            }

            if (document.Verdicts.Any(v => _poisonedSequences.Contains(v.Sequence)))
            {
                return Microsoft.AspNetCore.Http.Results.Problem("$.verdicts: poisoned", statusCode: 400);
            }

            _projectOfRun[run] = project;
            _ciJobOfRun.TryAdd(run, ciJob);
            foreach (VerdictInfo verdict in document.Verdicts)
            {
                _stored.TryAdd((run, verdict.Sequence), verdict);
                _deliveries[(run, verdict.Sequence)] = _deliveries.GetValueOrDefault((run, verdict.Sequence)) + 1;
            }

            if (document.Verdicts.Count == 0)
            {
                _closingBatches[run] = _closingBatches.GetValueOrDefault(run) + 1;
            }
        }

        return Microsoft.AspNetCore.Http.Results.Ok();
    }
}

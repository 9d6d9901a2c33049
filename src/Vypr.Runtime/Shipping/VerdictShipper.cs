using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;

namespace Vypr.Runtime.Shipping;

/// <summary>
/// Ships verdicts to a verdict server without ever slowing or failing the tests that produce them.
/// <see cref="Publish"/> only appends to a queue; a background loop sends batches, retrying with exponential backoff
/// and full jitter, and writes a batch to the spool when the server stays unreachable or slow, or when the queue
/// passes its limit. Spooled batches are replayed by later flushes and later runs. The server stores a verdict once
/// however often it is delivered, so a batch whose acknowledgement was lost is simply sent again.
/// </summary>
public sealed class VerdictShipper : IVerdictSink, IAsyncDisposable
{
    /// <summary>How long the end of a test run waits for the last batches before spooling them.</summary>
    public static readonly TimeSpan DefaultFlushTimeout = TimeSpan.FromSeconds(10);

    private static readonly JsonTypeInfo<RunDocument> s_compactDocument =
        (JsonTypeInfo<RunDocument>)new JsonSerializerOptions(VyprJsonContext.Default.Options) { WriteIndented = false }.GetTypeInfo(typeof(RunDocument));

    private readonly ShippingOptions _options;
    private readonly IRunSource _source;
    private readonly Spool _spool;
    private readonly HttpClient _http;
    private readonly Uri _ingestUrl;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _abort = new();
    private readonly Dictionary<int, TestInfo> _tests = [];
    private readonly Task _loop;

    private List<VerdictInfo> _queue = [];
    private volatile bool _stopRequested;
    private volatile bool _failing;
    private DateTime _nextProbe;
    private int _consecutiveFailures;
    private long _shipped;
    private long _spooled;
    private long _rejected;
    private long _replayed;
    private ShippingReport? _final;

    /// <summary>Starts shipping; verdicts arrive through <see cref="Publish"/>.</summary>
    /// <param name="options">Where and how to ship.</param>
    /// <param name="source">The run the verdicts belong to.</param>
    /// <param name="handler">The HTTP handler to send with; a new one when null.</param>
    public VerdictShipper(ShippingOptions options, IRunSource source, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        _options = options;
        _source = source;
        _spool = new Spool(options.SpoolDirectory);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }, disposeHandler: handler is null)
        {
            Timeout = options.RequestTimeout,
        };
        string query = "?project=" + Uri.EscapeDataString(options.Project ?? "default")
            + (options.CiJobUrl is { } job ? "&ciJob=" + Uri.EscapeDataString(job) : string.Empty);
        _ingestUrl = new Uri(options.ServerUrl, "api/v1/ingest" + query);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Starts shipping this process's verdicts when <c>VYPR_SERVER_URL</c> is set. Never throws: a configuration
    /// problem is reported on standard error and shipping stays off.
    /// </summary>
    /// <param name="assembly">The test assembly's name, as the run records it.</param>
    /// <returns>The shipper, registered with <see cref="RuntimeMonitor"/>; null when shipping is off.</returns>
    public static VerdictShipper? StartFromEnvironment(string assembly)
    {
        try
        {
            if (ShippingOptions.FromEnvironment() is not { } options)
            {
                return null;
            }

            var shipper = new VerdictShipper(options, new MonitorRunSource(assembly));
            RuntimeMonitor.AddSink(shipper);
            // The fallback when no test framework closes the run: whatever is left goes to the spool for next time.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => shipper.FlushAsync(TimeSpan.FromSeconds(2)).AsTask().GetAwaiter().GetResult();
            return shipper;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"Vypr: verdict shipping is off: {e.Message}");
            return null;
        }
    }

    /// <summary>Queues verdicts for shipping. Never blocks on I/O and never throws.</summary>
    /// <param name="verdicts">The new verdicts; copied before returning.</param>
    public void Publish(IReadOnlyList<VerdictInfo> verdicts)
    {
        int queued;
        lock (_gate)
        {
            _queue.AddRange(verdicts);
            queued = _queue.Count;
        }

        if (queued >= _options.BatchSize)
        {
            Wake();
        }
    }

    /// <summary>
    /// Ships everything queued, the tests' outcomes and the spool's backlog, waiting at most <paramref name="timeout"/>;
    /// what is not acknowledged by then is spooled for the next run. Later calls return the same report. Never throws.
    /// </summary>
    /// <param name="timeout">How long to wait for the server.</param>
    /// <returns>What was shipped and spooled.</returns>
    public async ValueTask<ShippingReport> FlushAsync(TimeSpan timeout)
    {
        _stopRequested = true;
        Wake();
        try
        {
            if (await Task.WhenAny(_loop, Task.Delay(timeout)) != _loop)
            {
                await _abort.CancelAsync();
            }

            await _loop;
        }
        catch (Exception e)
        {
            Report("the last flush failed", e);
        }

        lock (_gate)
        {
            _final ??= new ShippingReport(
                Interlocked.Read(ref _shipped),
                Interlocked.Read(ref _spooled),
                Interlocked.Read(ref _rejected),
                Interlocked.Read(ref _replayed),
                _spool.Pending().Count,
                _spool.Directory);
            return _final;
        }
    }

    /// <summary>Flushes with <see cref="DefaultFlushTimeout"/> and releases the HTTP client.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        await FlushAsync(DefaultFlushTimeout);
        _http.Dispose();
        _abort.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                bool stopping = _stopRequested;
                await ShipQueuedAsync();
                await ReplaySpoolAsync();
                if (stopping || _abort.IsCancellationRequested)
                {
                    break;
                }

                try
                {
                    await _wake.WaitAsync(_options.FlushInterval, _abort.Token);
                }
                catch (OperationCanceledException)
                {
                    // Aborted by a flush that ran out of time: the queue goes to the spool below.
                }
            }

            await ShipQueuedAsync();
            // The last document carries every test's outcome and the exact statistics of the calls whose satisfied
            // verdicts the monitor did not keep individually.
            RunDocument snapshot = _source.Snapshot();
            RunDocument last = new(RunDocument.CurrentSchema, _source.DescribeRun(), snapshot.Specifications, snapshot.CallSites, snapshot.Tests, [])
            {
                Summaries = snapshot.Summaries,
            };
            await ShipAsync(last, 0, 0);
        }
        catch (Exception e)
        {
            Report("shipping stopped", e);
            SpoolQueue();
        }
    }

    private async Task ShipQueuedAsync()
    {
        // Two batches in flight: while the server stores one it parses the next, and this thread compresses the
        // one after. Each batch stands alone (it carries what its verdicts refer to), so their order is free.
        (Task<bool> Shipped, List<VerdictInfo> Batch)? previous = null;
        while (TakeBatch() is { } batch)
        {
            Task<bool> shipping = ShipAsync(Document(batch, TestsOf(batch)), batch[0].Sequence, batch.Count);
            if (previous is { } earlier && !await earlier.Shipped)
            {
                await RequeueUnlessShippedAsync(shipping, batch);
                Requeue(earlier.Batch);
                return;
            }

            previous = (shipping, batch);
        }

        if (previous is { } last)
        {
            await RequeueUnlessShippedAsync(last.Shipped, last.Batch);
        }
    }

    private async Task RequeueUnlessShippedAsync(Task<bool> shipping, List<VerdictInfo> batch)
    {
        if (!await shipping)
        {
            Requeue(batch);
        }
    }

    /// <summary>Sends one document, or spools it; false only when neither the server nor the disk took it.</summary>
    private async Task<bool> ShipAsync(RunDocument document, long firstSequence, int verdicts)
    {
        byte[] body = Compress(document);
        bool overLimit;
        lock (_gate)
        {
            overLimit = _queue.Count > _options.MaxQueuedVerdicts;
        }

        // While the server is known to be down, or memory is past its limit, batches go straight to disk; the
        // spool replay probes the server and resumes direct shipping when it answers.
        if (!_failing && !overLimit && !_abort.IsCancellationRequested)
        {
            (Delivery delivery, string problem) = await SendWithRetriesAsync(body, _options.MaxAttempts);
            if (delivery == Delivery.Acknowledged)
            {
                Interlocked.Add(ref _shipped, verdicts);
                return true;
            }

            if (delivery == Delivery.Refused)
            {
                Interlocked.Add(ref _rejected, verdicts);
                if (_spool.TryWrite(body, document.Run.RunId, firstSequence) is { } path)
                {
                    _spool.Reject(path, problem);
                }

                Console.Error.WriteLine($"Vypr: the verdict server refused a batch: {problem}");
                return true;
            }

            MarkFailing();
        }

        if (_spool.TryWrite(body, document.Run.RunId, firstSequence) is null)
        {
            return false;
        }

        Interlocked.Add(ref _spooled, verdicts);
        return true;
    }

    private async Task ReplaySpoolAsync()
    {
        if (_failing && DateTime.UtcNow < _nextProbe && !_stopRequested)
        {
            return;
        }

        foreach (string path in _spool.Pending())
        {
            if (_abort.IsCancellationRequested || Spool.TryRead(path) is not { } body)
            {
                continue;
            }

            (Delivery delivery, string problem) = await SendWithRetriesAsync(body, _failing ? 1 : _options.MaxAttempts);
            switch (delivery)
            {
                case Delivery.Acknowledged:
                    Spool.Delivered(path);
                    Interlocked.Increment(ref _replayed);
                    _failing = false;
                    _consecutiveFailures = 0;
                    break;
                case Delivery.Refused:
                    _spool.Reject(path, problem);
                    break;
                default:
                    MarkFailing();
                    return;
            }
        }
    }

    private async Task<(Delivery, string)> SendWithRetriesAsync(byte[] body, int attempts)
    {
        for (int attempt = 1; ; attempt++)
        {
            (Delivery delivery, string problem) = await SendAsync(body);
            if (delivery != Delivery.Failed || attempt >= attempts || _abort.IsCancellationRequested)
            {
                return (delivery, problem);
            }

            try
            {
                await Task.Delay(Backoff(attempt), _abort.Token);
            }
            catch (OperationCanceledException)
            {
                return (Delivery.Failed, "aborted");
            }
        }
    }

    private async Task<(Delivery, string)> SendAsync(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _ingestUrl);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        if (_options.Token is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, _abort.Token);
            if (response.IsSuccessStatusCode)
            {
                return (Delivery.Acknowledged, string.Empty);
            }

            string problem = await response.Content.ReadAsStringAsync(_abort.Token);
            // Timeouts, throttling and server faults pass, and a token can be fixed before the next run: those
            // batches are kept. Any other 4xx is this batch's fault and will not pass by being sent again.
            bool transient = response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                || (int)response.StatusCode >= 500;
            return (transient ? Delivery.Failed : Delivery.Refused, $"{(int)response.StatusCode} {problem}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return (Delivery.Failed, e.Message);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        double ceiling = Math.Min(_options.MaxRetryDelay.TotalMilliseconds, _options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        // Full jitter: many shippers that failed together do not retry together.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    private void MarkFailing()
    {
        _failing = true;
        _nextProbe = DateTime.UtcNow + Backoff(Interlocked.Increment(ref _consecutiveFailures));
    }

    private List<VerdictInfo>? TakeBatch()
    {
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                return null;
            }

            int count = Math.Min(_queue.Count, _options.BatchSize);
            List<VerdictInfo> batch = _queue.GetRange(0, count);
            _queue.RemoveRange(0, count);
            return batch;
        }
    }

    private void Requeue(List<VerdictInfo> batch)
    {
        lock (_gate)
        {
            _queue.InsertRange(0, batch);
        }
    }

    private void SpoolQueue()
    {
        List<VerdictInfo> rest;
        lock (_gate)
        {
            rest = _queue;
            _queue = [];
        }

        try
        {
            for (int start = 0; start < rest.Count; start += _options.BatchSize)
            {
                List<VerdictInfo> batch = rest.GetRange(start, Math.Min(_options.BatchSize, rest.Count - start));
                if (_spool.TryWrite(Compress(Document(batch, TestsOf(batch))), _source.DescribeRun().RunId, batch[0].Sequence) is not null)
                {
                    Interlocked.Add(ref _spooled, batch.Count);
                }
                else
                {
                    Console.Error.WriteLine($"Vypr: {batch.Count} verdicts could be neither shipped nor spooled to {_spool.Directory}");
                }
            }
        }
        catch (Exception e)
        {
            Report("spooling failed", e);
        }
    }

    private IReadOnlyList<TestInfo> TestsOf(List<VerdictInfo> batch)
    {
        var tests = new List<TestInfo>();
        var seen = new HashSet<int>();
        bool refreshed = false;
        foreach (VerdictInfo verdict in batch)
        {
            if (verdict.TestId == 0 || !seen.Add(verdict.TestId))
            {
                continue;
            }

            if (!_tests.TryGetValue(verdict.TestId, out TestInfo? test) && !refreshed)
            {
                foreach (TestInfo known in _source.Snapshot().Tests)
                {
                    _tests[known.Id] = known;
                }

                refreshed = true;
                _tests.TryGetValue(verdict.TestId, out test);
            }

            if (test is not null)
            {
                tests.Add(test);
            }
        }

        return tests;
    }

    private RunDocument Document(List<VerdictInfo> verdicts, IReadOnlyList<TestInfo> tests)
    {
        IReadOnlyList<SpecificationInfo> allSpecifications = _source.Specifications;
        IReadOnlyList<CallSiteInfo> allCallSites = _source.CallSites;
        var specificationIds = new SortedSet<int>();
        var callSiteIds = new SortedSet<int>();
        void AddCallSite(int id)
        {
            if (id >= 1 && callSiteIds.Add(id) && id <= allCallSites.Count)
            {
                specificationIds.Add(allCallSites[id - 1].SpecificationId);
            }
        }

        // A batch carries every call site its verdicts refer to, those of their observations included (a
        // specification in the language observes calls inside the scoped method, at call sites of their own).
        foreach (VerdictInfo verdict in verdicts)
        {
            specificationIds.Add(verdict.SpecificationId);
            AddCallSite(verdict.CallSiteId);
            foreach (ObservationInfo observation in verdict.Observations)
            {
                AddCallSite(observation.CallSiteId);
            }
        }

        var specifications = new List<SpecificationInfo>(specificationIds.Count);
        foreach (int id in specificationIds)
        {
            if (id >= 1 && id <= allSpecifications.Count)
            {
                specifications.Add(allSpecifications[id - 1]);
            }
        }

        var callSites = new List<CallSiteInfo>(callSiteIds.Count);
        foreach (int id in callSiteIds)
        {
            if (id >= 1 && id <= allCallSites.Count)
            {
                callSites.Add(allCallSites[id - 1]);
            }
        }

        return new RunDocument(RunDocument.CurrentSchema, _source.DescribeRun(), specifications, callSites, tests, verdicts);
    }

    private static byte[] Compress(RunDocument document)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, document, s_compactDocument);
        }

        return buffer.ToArray();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the loop wakes once for any number of signals.
        }
    }

    private static void Report(string what, Exception e) => Console.Error.WriteLine($"Vypr: {what}: {e.GetType().Name}: {e.Message}");

    private enum Delivery
    {
        Acknowledged,
        Refused,
        Failed,
    }
}

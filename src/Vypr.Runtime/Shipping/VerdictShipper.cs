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
/// Ships verdicts to a verdict server without ever slowing or failing the tests that produce them, and without
/// losing one silently. <see cref="Publish"/> only appends to a queue; a background loop sends batches, retrying with
/// exponential backoff and full jitter. While the server fails, batches go to the spool, or stay in memory (bounded)
/// when the disk refuses them too, and the server is probed again with bounded backoff whatever the spool holds.
/// Spooled batches are replayed by later flushes and later runs of the same server and project, as what they are.
/// The end of the run keeps trying until its time budget is spent; whatever is then neither acknowledged nor spooled
/// is counted as lost in the <see cref="ShippingReport"/>. The server stores a verdict once however often it is
/// delivered, so a batch whose acknowledgement was lost is simply sent again.
/// </summary>
public sealed class VerdictShipper : IVerdictSink, IAsyncDisposable
{
    /// <summary>How long the end of a test run waits for the last batches before spooling them.</summary>
    public static readonly TimeSpan DefaultFlushTimeout = TimeSpan.FromSeconds(10);


    private readonly ShippingOptions _options;
    private readonly IRunSource _source;
    private readonly SpoolDestination _destination;
    private readonly Spool _spool;
    private readonly HttpClient _http;
    private readonly Lock _gate = new();
    private readonly Lock _finishing = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _abort = new();
    private readonly Dictionary<int, TestInfo> _tests = [];
    private readonly Task _loop;

    // Only the loop touches these: batches built and not yet acknowledged or spooled, in the order they were made,
    // and this run's own batches in the spool (a replay within the run moves their verdicts back to "shipped").
    private readonly List<Batch> _outbox = [];
    private readonly Dictionary<string, int> _ownSpooled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    private List<VerdictInfo> _queue = [];
    private volatile bool _stopRequested;
    private bool _closingBatchBuilt;
    private bool _failing;
    private bool _unauthorized;
    private DateTime _nextProbe;
    private int _consecutiveFailures;
    private long _shipped;
    private long _spooled;
    private long _rejected;
    private long _lost;
    private int _lostBatches;
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
        _destination = SpoolDestination.Of(options);
        _spool = new Spool(options.SpoolDirectory, _destination);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }, disposeHandler: handler is null)
        {
            Timeout = options.RequestTimeout,
        };
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
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                // A test framework that flushed has printed the report already; only a plain program's exit says it here.
                bool flushedBefore = Volatile.Read(ref shipper._final) is not null;
                ShippingReport report = shipper.FlushAsync(TimeSpan.FromSeconds(2)).AsTask().GetAwaiter().GetResult();
                if (!flushedBefore && !report.IsComplete)
                {
                    Console.Error.WriteLine(report);
                }
            };
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
    /// Ships everything queued, the tests' outcomes and the spool's backlog, retrying until <paramref name="timeout"/>
    /// is spent; what is not acknowledged by then is spooled for the next run, and what the spool refuses is counted
    /// as lost. Later calls return the same report. Never throws.
    /// </summary>
    /// <param name="timeout">How long to keep trying the server.</param>
    /// <returns>What was shipped, spooled, rejected and lost.</returns>
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

        // Verdicts published after the loop ended (it stopped on an unexpected error) are kept or counted too.
        lock (_finishing)
        {
            if (_final is null && QueuedCount() > 0)
            {
                KeepOrCountLost();
            }
        }

        lock (_gate)
        {
            _final ??= new ShippingReport(
                Interlocked.Read(ref _shipped),
                Interlocked.Read(ref _spooled),
                Interlocked.Read(ref _rejected),
                Interlocked.Read(ref _lost),
                Volatile.Read(ref _lostBatches),
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
            // While the run goes on: one pass per wake-up (a full batch) or per flush interval.
            while (!_stopRequested)
            {
                await PassAsync();
                await WaitAsync(_options.FlushInterval);
            }

            // The end of the run: the closing batch carries every test's outcome and the exact statistics of the
            // calls whose satisfied verdicts were not kept individually. Keep trying until everything this server
            // and project has waiting is delivered, or the flush is aborted when its time is up.
            MoveQueueToOutbox(int.MaxValue);
            _outbox.Add(ClosingBatch());
            _closingBatchBuilt = true;
            while (!_abort.IsCancellationRequested)
            {
                await PassAsync();
                if (_unauthorized || (_outbox.Count == 0 && QueuedCount() == 0 && !AnyDeliverableSpooled()))
                {
                    break;
                }

                // Waiting for the next probe, or for a spooled batch another process holds.
                await WaitAsync(_failing ? _nextProbe - DateTime.UtcNow : _options.RetryDelay);
            }
        }
        catch (Exception e)
        {
            Report("shipping stopped", e);
        }
        finally
        {
            KeepOrCountLost();
        }
    }

    /// <summary>
    /// Sends what the server can take now (or probes it when a probe is due), replays the spool when the server
    /// answers, and while it fails writes batches to the spool, keeping in memory those the disk refuses.
    /// </summary>
    private async Task PassAsync()
    {
        await SendOutboxAsync();
        if (ServerUsable())
        {
            await ReplaySpoolAsync();
        }

        // Past the memory limit (a server slower than the tests), batches go to the spool at once, as while it fails.
        if (_failing || OverMemoryLimit())
        {
            MoveQueueToOutbox(int.MaxValue);
            SpoolOutbox();
            EnforceMemoryBound();
        }
    }

    // A token the server refuses will not change during the run: the batches wait in the spool for a run with a
    // token that may write this project, and the server is not asked again.
    private bool ServerUsable() => !_abort.IsCancellationRequested && !_unauthorized && (!_failing || DateTime.UtcNow >= _nextProbe);

    private async Task SendOutboxAsync()
    {
        while (ServerUsable() && !OverMemoryLimit())
        {
            MoveQueueToOutbox(2);
            if (_outbox.Count == 0)
            {
                return;
            }

            // A probe is one batch, sent once; when the server answers, two batches are in flight: while it stores
            // one it parses the next. Each batch stands alone (it carries what its verdicts refer to).
            bool probing = _failing;
            int count = probing ? 1 : Math.Min(2, _outbox.Count);
            var sends = new Task<(Delivery, string)>[count];
            for (int i = 0; i < count; i++)
            {
                sends[i] = SendWithRetriesAsync(_outbox[i].Body, _destination, probing ? 1 : _options.MaxAttempts);
            }

            (Delivery, string)[] outcomes = await Task.WhenAll(sends);
            bool anyFailed = false;
            for (int i = count - 1; i >= 0; i--)
            {
                (Delivery delivery, string problem) = outcomes[i];
                Batch batch = _outbox[i];
                switch (delivery)
                {
                    case Delivery.Acknowledged:
                        Interlocked.Add(ref _shipped, batch.Verdicts);
                        _outbox.RemoveAt(i);
                        break;
                    case Delivery.Refused:
                        Interlocked.Add(ref _rejected, batch.Verdicts);
                        if (!_spool.TryWriteRejected(batch.Body, batch.RunId, batch.FirstSequence, batch.Verdicts, problem))
                        {
                            Console.Error.WriteLine($"Vypr: a refused batch could not be kept in {_spool.Directory}/rejected");
                        }

                        Console.Error.WriteLine($"Vypr: the verdict server refused a batch of {batch.Verdicts} verdicts: {problem}");
                        _outbox.RemoveAt(i);
                        break;
                    default:
                        anyFailed = true;
                        break;
                }
            }

            if (anyFailed)
            {
                MarkFailing();
                return;
            }

            ServerAnswered();
        }
    }

    private async Task ReplaySpoolAsync()
    {
        foreach (SpooledBatch batch in _spool.Pending())
        {
            if (!ServerUsable() || OverMemoryLimit())
            {
                return;
            }

            if (Spool.TryRead(batch.Path) is not { } body)
            {
                // Delivered and deleted by another run meanwhile, or not readable by this user: not this run's to wait for.
                _unreadable.Add(batch.Path);
                continue;
            }

            // Replayed as what it is: its own project and CI job; its run and sequences are in the body.
            (Delivery delivery, string problem) = await SendWithRetriesAsync(body, batch.Destination, _failing ? 1 : _options.MaxAttempts);
            bool own = _ownSpooled.Remove(batch.Path, out int ownVerdicts);
            switch (delivery)
            {
                case Delivery.Acknowledged:
                    Spool.Delivered(batch.Path);
                    if (own)
                    {
                        Interlocked.Add(ref _spooled, -ownVerdicts);
                        Interlocked.Add(ref _shipped, ownVerdicts);
                    }
                    else
                    {
                        Interlocked.Increment(ref _replayed);
                    }

                    ServerAnswered();
                    break;
                case Delivery.Refused:
                    if (own)
                    {
                        Interlocked.Add(ref _spooled, -ownVerdicts);
                    }

                    Interlocked.Add(ref _rejected, batch.Verdicts);
                    if (!_spool.Reject(batch.Path, problem))
                    {
                        Console.Error.WriteLine($"Vypr: a refused batch could not be moved to {_spool.Directory}/rejected");
                    }

                    Console.Error.WriteLine($"Vypr: the verdict server refused the spooled batch {batch.Path} ({batch.Verdicts} verdicts of run {batch.RunId}): {problem}");
                    break;
                default:
                    if (own)
                    {
                        _ownSpooled[batch.Path] = ownVerdicts;
                    }

                    MarkFailing();
                    return;
            }
        }
    }

    private void SpoolOutbox()
    {
        for (int i = 0; i < _outbox.Count;)
        {
            Batch batch = _outbox[i];
            if (_spool.TryWrite(batch.Body, batch.RunId, batch.FirstSequence, batch.Verdicts) is { } path)
            {
                _ownSpooled[path] = batch.Verdicts;
                Interlocked.Add(ref _spooled, batch.Verdicts);
                _outbox.RemoveAt(i);
            }
            else
            {
                // The disk refuses: the batch stays in memory and goes to the server at the next probe.
                i++;
            }
        }
    }

    /// <summary>Beyond <see cref="ShippingOptions.MaxQueuedVerdicts"/> held in memory, the newest batches are lost, loudly.</summary>
    private void EnforceMemoryBound()
    {
        long held = QueuedCount();
        foreach (Batch batch in _outbox)
        {
            held += batch.Verdicts;
        }

        while (held > _options.MaxQueuedVerdicts && _outbox.Count > 0)
        {
            Batch newest = _outbox[^1];
            _outbox.RemoveAt(_outbox.Count - 1);
            held -= newest.Verdicts;
            Lose(newest, $"the server is failing, the spool {_spool.Directory} refuses writes and memory holds at most {_options.MaxQueuedVerdicts} verdicts");
        }
    }

    /// <summary>The last step, whatever happened: every batch not acknowledged goes to the spool, or is counted lost.</summary>
    private void KeepOrCountLost()
    {
        try
        {
            MoveQueueToOutbox(int.MaxValue);
            if (!_closingBatchBuilt)
            {
                _outbox.Add(ClosingBatch());
                _closingBatchBuilt = true;
            }

            SpoolOutbox();
        }
        catch (Exception e)
        {
            Report("spooling failed", e);
        }

        foreach (Batch batch in _outbox)
        {
            Lose(batch, $"the server did not take it in time and the spool {_spool.Directory} refuses writes");
        }

        _outbox.Clear();
        List<VerdictInfo> unbuilt;
        lock (_gate)
        {
            unbuilt = _queue;
            _queue = [];
        }

        if (unbuilt.Count > 0)
        {
            Interlocked.Add(ref _lost, unbuilt.Count);
            Interlocked.Increment(ref _lostBatches);
            Console.Error.WriteLine($"Vypr: {unbuilt.Count} verdicts LOST: they could not be made into a batch");
        }
    }

    private void Lose(Batch batch, string why)
    {
        Interlocked.Add(ref _lost, batch.Verdicts);
        Interlocked.Increment(ref _lostBatches);
        string what = batch.Verdicts > 0 ? $"{batch.Verdicts} verdicts (from sequence {batch.FirstSequence})" : "the closing batch (tests' outcomes and call statistics)";
        Console.Error.WriteLine($"Vypr: {what} of run {batch.RunId} LOST: {why}");
    }

    private async Task<(Delivery, string)> SendWithRetriesAsync(byte[] body, SpoolDestination destination, int attempts)
    {
        for (int attempt = 1; ; attempt++)
        {
            (Delivery delivery, string problem) = await SendAsync(body, destination);
            if (delivery == Delivery.Unauthorized)
            {
                _unauthorized = true;
                Console.Error.WriteLine($"Vypr: the verdict server refused the token for project '{destination.Project}' ({problem}); batches are kept in {_spool.Directory} for a run with a token that may write it");
                return (Delivery.Failed, problem);
            }

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

    private async Task<(Delivery, string)> SendAsync(byte[] body, SpoolDestination destination)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, destination.IngestUrl(_options.ServerUrl));
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
            Delivery delivery = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Delivery.Unauthorized,
                HttpStatusCode.RequestTimeout or (HttpStatusCode)429 => Delivery.Failed, // 429 Too Many Requests (netstandard2.0 has no name for it)
                _ when (int)response.StatusCode >= 500 => Delivery.Failed,
                _ => Delivery.Refused,
            };
            return (delivery, $"{(int)response.StatusCode} {problem}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return (Delivery.Failed, e.Message);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        double ceiling = Math.Min(_options.MaxRetryDelay.TotalMilliseconds, _options.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        // Full jitter: many shippers that failed together do not retry together.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    private void MarkFailing()
    {
        _failing = true;
        _consecutiveFailures++;
        _nextProbe = DateTime.UtcNow + Backoff(_consecutiveFailures);
    }

    private void ServerAnswered()
    {
        _failing = false;
        _consecutiveFailures = 0;
    }

    private async Task WaitAsync(TimeSpan delay)
    {
        try
        {
            await _wake.WaitAsync(TimeSpan.FromTicks(Math.Clamp(delay.Ticks, 0, _options.MaxRetryDelay.Ticks + _options.FlushInterval.Ticks)), _abort.Token);
        }
        catch (OperationCanceledException)
        {
            // Aborted by a flush that ran out of time: what is left is spooled or counted.
        }
    }

    private bool AnyDeliverableSpooled()
    {
        foreach (SpooledBatch batch in _spool.Pending())
        {
            if (!_unreadable.Contains(batch.Path))
            {
                return true;
            }
        }

        return false;
    }

    private bool OverMemoryLimit() => QueuedCount() > _options.MaxQueuedVerdicts;

    private int QueuedCount()
    {
        lock (_gate)
        {
            return _queue.Count;
        }
    }

    private void MoveQueueToOutbox(int atLeast)
    {
        while (_outbox.Count < atLeast && TakeBatch() is { } verdicts)
        {
            RunDocument document = Document(verdicts, TestsOf(verdicts));
            _outbox.Add(new Batch(Compress(document), document.Run.RunId, verdicts[0].Sequence, verdicts.Count));
        }
    }

    private Batch ClosingBatch()
    {
        RunDocument snapshot = _source.Snapshot();
        RunDocument last = new(RunDocument.CurrentSchema, _source.DescribeRun(), snapshot.Specifications, snapshot.CallSites, snapshot.Tests, [])
        {
            Summaries = snapshot.Summaries,
        };
        return new Batch(Compress(last), last.Run.RunId, 0, 0);
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
            JsonSerializer.Serialize(gzip, document, CompactDocument.TypeInfo);
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
        Unauthorized,
    }

    /// <summary>A request body ready to send: the gzip'd document of a batch of verdicts.</summary>
    private sealed record Batch(byte[] Body, Guid RunId, long FirstSequence, int Verdicts);

    // Built on first use, not with the shipper's other statics: a run that ships nothing (the default) reads
    // DefaultFlushTimeout and must not pay for System.Text.Json's metadata of the whole format.
    private static class CompactDocument
    {
        public static readonly JsonTypeInfo<RunDocument> TypeInfo =
            (JsonTypeInfo<RunDocument>)new JsonSerializerOptions(VyprJsonContext.Default.Options) { WriteIndented = false }.GetTypeInfo(typeof(RunDocument));
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Server.Ingest;

/// <summary>
/// Bounds the ingests in progress: at most <see cref="ServerSettings.MaxConcurrentIngests"/> read, inflate, parse
/// and store at once; up to <see cref="ServerSettings.MaxQueuedIngests"/> more wait (with their bodies unread, so a
/// waiting request costs no more than Kestrel's per-connection buffer); any further one is turned away at once.
/// When the last ingest in progress ends, the pooled body chunks are dropped; if the managed heap then still holds
/// more than one request's worth, the
/// server collects once and gives the memory back: a collection only ever runs when something allocates, so an
/// idle server would otherwise keep a burst's garbage resident indefinitely.
/// </summary>
internal sealed class IngestGate(ServerSettings settings, ChunkPool chunks)
{
    private readonly SemaphoreSlim _turns = new(settings.MaxConcurrentIngests, settings.MaxConcurrentIngests);
    private int _waiting;
    private int _inProgress;
    private int _collecting;

    /// <summary>How many ingests hold a turn now (reading, parsing or storing their batch).</summary>
    public int InProgress => Volatile.Read(ref _inProgress);

    /// <summary>A turn, to be disposed when the request is done; null when the queue is full or the wait timed out.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (_turns.Wait(0))
        {
            return new Turn(this);
        }

        if (Interlocked.Increment(ref _waiting) > settings.MaxQueuedIngests)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }

        try
        {
            return await _turns.WaitAsync(settings.IngestQueueTimeout, cancellationToken) ? new Turn(this) : null;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private void Entered() => Interlocked.Increment(ref _inProgress);

    private void Left()
    {
        _turns.Release();
        if (Interlocked.Decrement(ref _inProgress) != 0)
        {
            return;
        }

        chunks.Clear();
        if (GC.GetTotalMemory(forceFullCollection: false) > settings.MaxRequestBytes
            && Interlocked.Exchange(ref _collecting, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                gate =>
                {
                    // Compacting and decommitting: the burst's chunks and documents are garbage by now.
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    Volatile.Write(ref gate._collecting, 0);
                },
                this,
                preferLocal: false);
        }
    }

    private sealed class Turn : IDisposable
    {
        private readonly IngestGate _gate;
        private int _released;

        public Turn(IngestGate gate)
        {
            _gate = gate;
            gate.Entered();
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _gate.Left();
            }
        }
    }
}

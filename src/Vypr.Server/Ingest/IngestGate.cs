using System;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Server.Ingest;

/// <summary>
/// Bounds the ingests in progress: at most <see cref="ServerSettings.MaxConcurrentIngests"/> read, inflate, parse
/// and store at once; up to <see cref="ServerSettings.MaxQueuedIngests"/> more wait (with their bodies unread, so a
/// waiting request costs no more than Kestrel's per-connection buffer); any further one is turned away at once.
/// </summary>
internal sealed class IngestGate(ServerSettings settings)
{
    private readonly SemaphoreSlim _turns = new(settings.MaxConcurrentIngests, settings.MaxConcurrentIngests);
    private int _waiting;

    /// <summary>A turn, to be disposed when the request is done; null when the queue is full or the wait timed out.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (_turns.Wait(0))
        {
            return new Turn(_turns);
        }

        if (Interlocked.Increment(ref _waiting) > settings.MaxQueuedIngests)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }

        try
        {
            return await _turns.WaitAsync(settings.IngestQueueTimeout, cancellationToken) ? new Turn(_turns) : null;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Threading;

namespace Vypr.Server.Ingest;

/// <summary>
/// The 64 KiB chunks that request bodies are read into, reused from one ingest to the next while ingests keep
/// coming, and all dropped when the server goes idle (<see cref="IngestGate"/>): during a burst the bodies cost
/// the concurrency limit times the size limit, instead of a new body's worth of garbage per request that the
/// collector only reclaims at its next full collection; after the burst nothing is retained.
/// </summary>
internal sealed class ChunkPool(ServerSettings settings)
{
    public const int ChunkSize = 64 * 1024;

    private readonly ConcurrentBag<byte[]> _free = [];
    private readonly long _maxFree = (long)settings.MaxConcurrentIngests * ((settings.MaxRequestBytes / ChunkSize) + 2);
    private long _count;

    public byte[] Rent()
    {
        if (_free.TryTake(out byte[]? chunk))
        {
            Interlocked.Decrement(ref _count);
            return chunk;
        }

        return new byte[ChunkSize];
    }

    public void Return(byte[] chunk)
    {
        if (Interlocked.Increment(ref _count) <= _maxFree)
        {
            _free.Add(chunk);
        }
        else
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Drops every free chunk (the server is idle).</summary>
    public void Clear()
    {
        while (_free.TryTake(out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}

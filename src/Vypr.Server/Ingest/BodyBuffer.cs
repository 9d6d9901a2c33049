using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Server.Ingest;

/// <summary>
/// A request body read into fixed 64 KiB chunks from a <see cref="ChunkPool"/>. Each chunk stays below the
/// large-object threshold (85,000 bytes), so nothing lands on the large object heap; nothing is ever copied into one
/// growing array (a MemoryStream doubles its capacity
/// and <c>ToArray</c> copies it again: three times the body at the peak).
/// </summary>
internal sealed class BodyBuffer(ChunkPool pool) : IDisposable
{
    private const int ChunkSize = ChunkPool.ChunkSize;

    private readonly List<byte[]> _chunks = [];
    private int _lastLength;

    /// <summary>How many bytes the body holds.</summary>
    public long Length { get; private set; }

    /// <summary>The CRC-32 of the body, kept while reading (a gzip trailer is checked against it).</summary>
    public uint Crc32 { get; private set; }

    /// <summary>Reads <paramref name="body"/> to its end; throws <see cref="PayloadTooLargeException"/> past <paramref name="maxBytes"/>.</summary>
    public static async Task<BodyBuffer> ReadAsync(Stream body, ChunkPool pool, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new BodyBuffer(pool);
        try
        {
            await buffer.FillAsync(body, maxBytes, cancellationToken);
            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Gives the chunks back to the pool; the buffer must not be read afterwards.</summary>
    public void Dispose()
    {
        foreach (byte[] chunk in _chunks)
        {
            pool.Return(chunk);
        }

        _chunks.Clear();
    }

    private async Task FillAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        BodyBuffer buffer = this;
        var crc = new Crc32();
        while (true)
        {
            if (buffer._chunks.Count == 0 || buffer._lastLength == ChunkSize)
            {
                buffer._chunks.Add(pool.Rent());
                buffer._lastLength = 0;
            }

            byte[] chunk = buffer._chunks[^1];
            int read = await body.ReadAsync(chunk.AsMemory(buffer._lastLength), cancellationToken);
            if (read == 0)
            {
                break;
            }

            crc.Append(chunk.AsSpan(buffer._lastLength, read));
            buffer._lastLength += read;
            buffer.Length += read;
            // Checked as the bytes arrive, decompressed ones included: an inflating body stops at the limit.
            if (buffer.Length > maxBytes)
            {
                throw new PayloadTooLargeException($"the request body is larger than {maxBytes} bytes");
            }
        }

        buffer.Crc32 = crc.GetCurrentHashAsUInt32();
    }

    /// <summary>The body as one sequence over its chunks.</summary>
    public ReadOnlySequence<byte> ToSequence()
    {
        if (_chunks.Count == 0 || Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(_chunks[0].AsMemory(0, _chunks.Count == 1 ? _lastLength : ChunkSize), 0);
        Segment last = first;
        for (int i = 1; i < _chunks.Count; i++)
        {
            last = last.Append(_chunks[i].AsMemory(0, i == _chunks.Count - 1 ? _lastLength : ChunkSize));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}

using System;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Server.Ingest;

/// <summary>
/// A read-only view of a compressed request body that remembers its last eight bytes: a gzip member ends with the
/// CRC-32 and the size (mod 2^32) of what it inflates to. <see cref="System.IO.Compression.GZipStream"/> returns
/// whatever it inflated when the body ends early, without its trailer, and ignores bytes after the member; comparing
/// the body's real last eight bytes with the inflated data refuses both.
/// </summary>
internal sealed class GzipTrailer(Stream inner) : Stream
{
    private readonly byte[] _last = new byte[8];
    private long _length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Whether the body (read to its end) ends with the trailer of data of this CRC-32 and length.</summary>
    public bool Matches(uint crc32, long inflatedLength) =>
        _length >= 18 // the smallest gzip member: 10 bytes of header, an empty block, 8 of trailer
        && BinaryPrimitives.ReadUInt32LittleEndian(_last) == crc32
        && BinaryPrimitives.ReadUInt32LittleEndian(_last.AsSpan(4)) == unchecked((uint)inflatedLength);

    /// <summary>Reads what the decompressor left unread, so that the trailer seen is the body's real end.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        byte[] scratch = new byte[4096];
        while (await ReadAsync(scratch, cancellationToken) > 0)
        {
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Remember(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken);
        return Remember(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Remember(ReadOnlySpan<byte> read)
    {
        if (read.Length >= _last.Length)
        {
            read[^_last.Length..].CopyTo(_last);
        }
        else if (read.Length > 0)
        {
            _last.AsSpan(read.Length).CopyTo(_last);
            read.CopyTo(_last.AsSpan(_last.Length - read.Length));
        }

        _length += read.Length;
        return read.Length;
    }
}

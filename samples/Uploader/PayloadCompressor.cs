using System.IO;
using System.IO.Compression;
using Vypr;

namespace Uploader;

/// <summary>Compresses payloads before they are stored.</summary>
public static class PayloadCompressor
{
    [MaxDuration("250ms")]
    public static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}

using System.IO;
using System.Threading.Tasks;
using Vypr;

namespace Uploader;

/// <summary>Stores compressed payloads as files named by their hash.</summary>
public sealed class FilePayloadStore(string directory)
{
    [MaxDuration("250ms")]
    public async Task<long> StoreAsync(string hash, byte[] compressed)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, hash + ".gz");
        await File.WriteAllBytesAsync(path, compressed);
        return compressed.LongLength;
    }
}

using System.Collections.Concurrent;
using Vypr;

namespace Uploader;

/// <summary>Remembers which payload hashes are already stored, so a re-upload stores nothing.</summary>
public sealed class PayloadCache
{
    private readonly ConcurrentDictionary<string, long> _stored = new();

    [MaxDuration("100ms")]
    public bool Contains(string hash) => _stored.ContainsKey(hash);

    public void Add(string hash, long compressedBytes) => _stored[hash] = compressedBytes;
}

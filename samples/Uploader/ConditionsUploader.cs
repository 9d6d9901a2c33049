using System.Threading.Tasks;
using Vypr;

namespace Uploader;

/// <summary>Uploads conditions payloads: validate, hash, skip what is already stored, compress, store.</summary>
public sealed class ConditionsUploader(PayloadValidator validator, PayloadCache cache, FilePayloadStore store)
{
    /// <summary>A validator with the standard rules and a limit of 16 MiB.</summary>
    public static PayloadValidator StandardValidator() =>
        new([new SizeLimitRule(16 * 1024 * 1024), new TagFormatRule(), new IovOrderRule()]);

    [MaxDuration("5s")]
    public async Task<UploadResult> UploadAsync(Payload payload)
    {
        var problems = validator.Validate(payload);
        if (problems.Count > 0)
        {
            return new UploadResult(null, Stored: false, AlreadyStored: false, problems);
        }

        string hash = PayloadHasher.Hash(payload.Data);
        if (cache.Contains(hash))
        {
            return new UploadResult(hash, Stored: false, AlreadyStored: true, []);
        }

        byte[] compressed = PayloadCompressor.Compress(payload.Data);
        long bytes = await store.StoreAsync(hash, compressed);
        cache.Add(hash, bytes);
        return new UploadResult(hash, Stored: true, AlreadyStored: false, []);
    }
}

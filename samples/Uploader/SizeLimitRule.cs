using Vypr;

namespace Uploader;

/// <summary>Rejects empty payloads and payloads over the upload limit.</summary>
public sealed class SizeLimitRule(int maxBytes) : IPayloadRule
{
    [MaxDuration("100ms")]
    public string? Validate(Payload payload) =>
        payload.Data.Length == 0 ? "payload is empty"
        : payload.Data.Length > maxBytes ? $"payload is {payload.Data.Length} bytes, over the {maxBytes}-byte limit"
        : null;
}

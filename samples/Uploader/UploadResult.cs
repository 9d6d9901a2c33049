using System.Collections.Generic;

namespace Uploader;

/// <summary>What an upload did: stored the payload, found it already stored, or rejected it.</summary>
public sealed record UploadResult(string? Hash, bool Stored, bool AlreadyStored, IReadOnlyList<string> Problems);

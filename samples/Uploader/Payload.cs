using System.Collections.Generic;

namespace Uploader;

/// <summary>A conditions payload to upload: its tag (the conditions' name), its bytes and its intervals of validity.</summary>
public sealed record Payload(string Tag, byte[] Data, IReadOnlyList<Iov> Iovs);

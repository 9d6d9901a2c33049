using System;
using System.Security.Cryptography;
using Vypr;

namespace Uploader;

/// <summary>Identifies a payload by the SHA-256 of its bytes, as the conditions database does.</summary>
public static class PayloadHasher
{
    [MaxDuration("100ms")]
    public static string Hash(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}

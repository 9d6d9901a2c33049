using System;
using Vypr;

namespace Uploader;

/// <summary>Tags look like <c>EcalPedestals_v3_hlt</c>: a record name, a version, a workflow.</summary>
public sealed class TagFormatRule : IPayloadRule
{
    private static readonly string[] Workflows = ["hlt", "express", "prompt", "offline"];

    // A warm call takes microseconds; the first one pays for JIT compilation, and the bound leaves room for it.
    [MaxDuration("100ms")]
    public string? Validate(Payload payload) =>
        IsWellFormed(payload.Tag) ? null : $"tag '{payload.Tag}' is not <Record>_v<N>_<workflow>";

    private static bool IsWellFormed(string tag)
    {
        string[] parts = tag.Split('_');
        return parts.Length == 3
            && parts[0].Length > 1 && char.IsAsciiLetterUpper(parts[0][0]) && IsAll(parts[0], char.IsAsciiLetterOrDigit)
            && parts[1].Length > 1 && parts[1][0] == 'v' && IsAll(parts[1].AsSpan(1), char.IsAsciiDigit)
            && Array.IndexOf(Workflows, parts[2]) >= 0;
    }

    private static bool IsAll(ReadOnlySpan<char> text, Func<char, bool> predicate)
    {
        foreach (char c in text)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }
}

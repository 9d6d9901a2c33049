using System;
using System.Text;

namespace Vypr.Contracts;

/// <summary>
/// The longest texts the results format holds (docs/results-format.md). The runtime shortens what it writes to
/// these lengths and the verdict server refuses what exceeds them: one set of numbers, so that every document a run
/// writes is one the server stores.
/// </summary>
public static class TextLimits
{
    /// <summary>Characters of a short text: a commit, an outcome, an observation's term, unit and condition.</summary>
    public const int Short = 256;

    /// <summary>Characters of a name: a test, a method, a file, a caller, an assembly, a branch, a machine, a runtime.</summary>
    public const int Name = 4_096;

    /// <summary>Characters of a long text: a specification's key and text.</summary>
    public const int Long = 16_384;

    /// <summary>
    /// UTF-8 bytes of a text that identifies a row across runs (a method's name, a call site's file): the server
    /// keeps them in unique indexes, and a PostgreSQL index entry holds at most about 2,700 bytes.
    /// </summary>
    public const int KeyBytes = 2_048;

    /// <summary>What ends a shortened text, so that a reader sees it was cut.</summary>
    public const char Ellipsis = '\u2026';

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="maxLength"/> characters, ending it with <see cref="Ellipsis"/> when cut.</summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The limit, in UTF-16 characters (at least 2).</param>
    /// <returns>The text itself when it fits; otherwise its longest prefix that fits with the ellipsis, never splitting a surrogate pair.</returns>
    public static string Clip(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (text.Length <= maxLength)
        {
            return text;
        }

        return Cut(text, maxLength - 1);
    }

    /// <summary>
    /// Shortens <paramref name="text"/> to at most <paramref name="maxLength"/> characters and at most
    /// <paramref name="maxBytes"/> bytes of UTF-8, ending it with <see cref="Ellipsis"/> when cut.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The limit in UTF-16 characters (at least 2).</param>
    /// <param name="maxBytes">The limit in UTF-8 bytes (at least 4: the ellipsis takes 3).</param>
    /// <returns>The text itself when it fits; otherwise its longest prefix that fits with the ellipsis, never splitting a surrogate pair.</returns>
    public static string Clip(string text, int maxLength, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 4);
        string clipped = Clip(text, maxLength);
        if (Encoding.UTF8.GetByteCount(clipped) <= maxBytes)
        {
            return clipped;
        }

        // Keep whole characters (a pair counts as one) while they and the ellipsis fit.
        int budget = maxBytes - 3;
        int keep = 0;
        while (keep < clipped.Length)
        {
            bool pair = char.IsHighSurrogate(clipped[keep]) && keep + 1 < clipped.Length && char.IsLowSurrogate(clipped[keep + 1]);
            int bytes = pair ? 4 : Encoding.UTF8.GetByteCount(clipped.AsSpan(keep, 1));
            if (bytes > budget)
            {
                break;
            }

            budget -= bytes;
            keep += pair ? 2 : 1;
        }

        return Cut(clipped, keep);
    }

    private static string Cut(string text, int keep)
    {
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text.Substring(0, keep) + Ellipsis;
    }
}

using System;

namespace Vypr.Contracts;

/// <summary>
/// What a text in the results format may hold: any Unicode text except U+0000 (NUL) and unpaired surrogates, which
/// PostgreSQL cannot store and which are not Unicode at all. The runtime replaces each with U+FFFD when it captures
/// or writes a text, so the text a reader sees is the one the server stores and gives back.
/// </summary>
public static class ResultsText
{
    /// <summary>The character that stands for each NUL or unpaired surrogate.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>Whether <paramref name="text"/> holds neither NUL nor an unpaired surrogate.</summary>
    /// <param name="text">A text.</param>
    /// <returns>True when the results format can carry <paramref name="text"/> unchanged.</returns>
    public static bool IsValid(ReadOnlySpan<char> text) => FirstInvalid(text) < 0;

    /// <summary>Replaces each NUL and each unpaired surrogate of <paramref name="text"/> with U+FFFD.</summary>
    /// <param name="text">A text, or null.</param>
    /// <returns>The same instance when there is nothing to replace (the common case allocates nothing).</returns>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        int first = FirstInvalid(text);
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length, (text, first), static (span, state) =>
        {
            state.text.AsSpan().CopyTo(span);
            for (int i = state.first; i < span.Length; i++)
            {
                char c = span[i];
                if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                {
                    i++;
                }
                else if (c == '\0' || char.IsSurrogate(c))
                {
                    span[i] = Replacement;
                }
            }
        });
    }

    private static int FirstInvalid(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (c == '\0' || char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }
}

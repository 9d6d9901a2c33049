using System;

namespace Vypr.Analysis.Reports;

/// <summary>Text placed in Markdown as it is written, for every report that writes Markdown.</summary>
public static class MarkdownText
{
    /// <summary>
    /// <paramref name="text"/> as a code span. Inside one nothing is decoded (an entity would show as written) and a
    /// backslash is literal, so a name (<c>Null&lt;T&gt;(T)</c>) goes in as it is, fenced by more backticks than it
    /// holds in a row; a line break becomes a space. In a table cell, escape <c>|</c> as <c>\|</c> first: GitHub's
    /// tables take that escape inside code spans too.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The code span.</returns>
    public static string CodeSpan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        int longest = 0;
        for (int i = 0, run = 0; i < text.Length; i++)
        {
            run = text[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        string fence = new('`', longest + 1);
        string pad = text.StartsWith('`') || text.EndsWith('`') ? " " : string.Empty;
        return fence + pad + text + pad + fence;
    }
}

using System;
using System.Text;

namespace Vypr.Generators;

/// <summary>Writes indented source text; lines end with <c>\n</c> on every platform, so output is deterministic.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>The number of characters written so far.</summary>
    public int Length => _text.Length;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes several lines (split on <c>\n</c>) at the current indentation.</summary>
    public SourceWriter Lines(string lines)
    {
        foreach (string line in lines.Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    public SourceWriter Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent = Math.Max(0, _indent - 1);
        return Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}

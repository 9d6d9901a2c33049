using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Mono.Cecil.Cil;

namespace Vypr.Fody.Reading;

/// <summary>
/// Undoes the compiler's path map. A deterministic build (<c>ContinuousIntegrationBuild</c>, or an explicit
/// <c>PathMap</c>) writes the PDB's documents as <c>/_/src/...</c>; the weaver reads its source locations from that PDB,
/// and a call site or a build error naming <c>/_/</c> opens in no editor and no CI annotation, while the interceptors of
/// the same build name the files as they are on disk. Vypr's build targets write the compilation's <c>PathMap</c> next
/// to the assembly the weaver reads (<see cref="FileName"/>), and every location the weaver registers or reports is
/// mapped back through it.
/// </summary>
internal sealed class SourcePaths
{
    /// <summary>The file, beside the intermediate assembly, that holds the compilation's <c>PathMap</c> as MSBuild had it.</summary>
    public const string FileName = "vypr-pathmap.txt";

    /// <summary>No map: every path is kept as the PDB has it.</summary>
    public static readonly SourcePaths None = new([]);

    // (what the compiler wrote, what it stands for), longest written prefix first so '/_1/' is never read as '/_/'.
    private readonly (string Mapped, string Original)[] _map;

    private SourcePaths((string Mapped, string Original)[] map)
    {
        // A stable sort: prefixes of one length keep the map's order.
        _map = map.OrderByDescending(m => m.Mapped.Length).ToArray();
    }

    /// <summary>Reads the map written beside <paramref name="assemblyFilePath"/>; no file (a build without Vypr's targets) is no map.</summary>
    public static SourcePaths Load(string? assemblyFilePath)
    {
        string? folder = string.IsNullOrEmpty(assemblyFilePath) ? null : Path.GetDirectoryName(assemblyFilePath);
        string? file = folder is null ? null : Path.Combine(folder, FileName);
        // MSBuild wrote the property as a list: a ';' inside it (a path may hold one) became a line break.
        return file is not null && File.Exists(file) ? Parse(string.Join(";", File.ReadAllLines(file)).Trim()) : None;
    }

    /// <summary>
    /// Parses the compiler's <c>/pathmap</c> syntax: <c>original=mapped</c> pairs separated by commas, with <c>,,</c>
    /// and <c>==</c> standing for a comma and an equals sign inside a path. Malformed pairs are ignored: the compiler
    /// refused them already, so they mapped nothing.
    /// </summary>
    public static SourcePaths Parse(string pathMap)
    {
        var pairs = new List<(string, string)>();
        foreach (string pair in Split(pathMap, ','))
        {
            List<string> sides = Split(pair, '=');
            if (sides.Count == 2 && sides[0].Length > 0 && sides[1].Length > 0)
            {
                pairs.Add((sides[1], sides[0]));
            }
        }

        return pairs.Count == 0 ? None : new SourcePaths(pairs.ToArray());
    }

    /// <summary>The path on disk of a document the PDB names <paramref name="path"/>.</summary>
    /// <remarks>
    /// Several folders may map to one prefix (a deterministic build maps its source roots, NuGet's package folder among
    /// them, and a project may add its own): the weaver runs where the sources are, so the first original under which
    /// the file exists is the one; when none does, the first (longest prefix, then the map's order).
    /// </remarks>
    public string Unmap(string path)
    {
        string? first = null;
        foreach ((string mapped, string original) in _map)
        {
            if (path.StartsWith(mapped, StringComparison.Ordinal))
            {
                string candidate = Join(original, path.Substring(mapped.Length));
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                first ??= candidate;
            }
        }

        return first ?? path;
    }

    private static string Join(string original, string rest)
    {
        // The compiler writes the rest with the mapped prefix's separator ('/'); a Windows original wants its own.
        bool windows = original.IndexOf('\\') >= 0;
        if (windows)
        {
            rest = rest.Replace('/', '\\');
        }

        bool joined = original.EndsWith("/", StringComparison.Ordinal) || original.EndsWith("\\", StringComparison.Ordinal) || rest.Length == 0;
        return joined ? original + rest : original + (windows ? "\\" : "/") + rest.TrimStart('/', '\\');
    }

    /// <summary>A copy of <paramref name="point"/> whose document is the file on disk (build messages name it).</summary>
    public SequencePoint? Unmap(SequencePoint? point)
    {
        if (point is null || _map.Length == 0)
        {
            return point;
        }

        string url = Unmap(point.Document.Url);
        if (url == point.Document.Url)
        {
            return point;
        }

        return new SequencePoint(Instruction.Create(OpCodes.Nop), new Document(url))
        {
            StartLine = point.StartLine,
            StartColumn = point.StartColumn,
            EndLine = point.EndLine,
            EndColumn = point.EndColumn,
        };
    }

    private static List<string> Split(string text, char separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != separator)
            {
                current.Append(text[i]);
            }
            else if (i + 1 < text.Length && text[i + 1] == separator)
            {
                current.Append(separator);
                i++;
            }
            else
            {
                parts.Add(current.ToString());
                current.Clear();
            }
        }

        parts.Add(current.ToString());
        return parts;
    }
}

using System;
using System.Globalization;
using System.IO;
using System.Collections.Generic;

namespace Vypr.Runtime.Runs;

/// <summary>
/// Keeps the last results files of a test assembly and deletes older ones, so that a results directory does not
/// grow by one file per run forever. Only files of the same assembly are counted, so several test assemblies can
/// share one directory; a file's verdict table (<c>.txt</c>) goes with it.
/// </summary>
internal static class ResultsRetention
{
    /// <summary>The environment variable: how many results files to keep per assembly, or <c>all</c>.</summary>
    public const string EnvironmentVariable = "VYPR_KEEP_RESULTS";

    /// <summary>How many results files per assembly are kept when nothing is configured.</summary>
    public const int DefaultKept = 20;

    /// <summary>The number of files to keep, from <see cref="EnvironmentVariable"/>.</summary>
    /// <returns>The configured count, <see cref="int.MaxValue"/> for <c>all</c>, or <see cref="DefaultKept"/>.</returns>
    /// <exception cref="InvalidOperationException">The variable is neither a positive number nor <c>all</c>.</exception>
    public static int Configured() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Parses a retention setting.</summary>
    /// <param name="value">A positive number, <c>all</c>, or null/blank for the default.</param>
    /// <returns>The number of files to keep.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="value"/> is neither a positive number nor <c>all</c>.</exception>
    public static int Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultKept;
        }

        if (value.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return int.MaxValue;
        }

        // Keeping 0 would delete the file just written: the smallest meaningful setting is 1.
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int kept) && kept > 0)
        {
            return kept;
        }

        throw new InvalidOperationException($"Vypr: {EnvironmentVariable}='{value}' is not a positive number or 'all'.");
    }

    /// <summary>Deletes all but the newest <paramref name="kept"/> results files of <paramref name="assembly"/> in <paramref name="directory"/>.</summary>
    /// <param name="directory">The results directory.</param>
    /// <param name="assembly">The test assembly whose files are pruned (other assemblies' files are left alone).</param>
    /// <param name="kept">How many files to keep.</param>
    /// <returns>The number of results files deleted.</returns>
    public static int Prune(string directory, string assembly, int kept)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kept, 1);
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        // No regular expression and no LINQ: this runs once per process, at its end, where building the expression
        // and compiling the generic sort over the files' dates cost more than the pruning itself.
        var ofAssembly = new List<FileInfo>();
        foreach (FileInfo file in new DirectoryInfo(directory).EnumerateFiles("vypr-*.json"))
        {
            if (IsResultsFileOf(file.Name, assembly))
            {
                ofAssembly.Add(file);
            }
        }

        // Newest first; files written in the same instant by name, the later run ID first.
        ofAssembly.Sort(static (a, b) =>
        {
            int compared = b.LastWriteTimeUtc.CompareTo(a.LastWriteTimeUtc);
            return compared != 0 ? compared : string.CompareOrdinal(b.Name, a.Name);
        });
        FileInfo[] stale = ofAssembly.Count > kept ? ofAssembly.GetRange(kept, ofAssembly.Count - kept).ToArray() : [];
        foreach (FileInfo file in stale)
        {
            file.Delete();
            File.Delete(Path.ChangeExtension(file.FullName, ".txt"));
        }

        return stale.Length;
    }

    /// <summary>
    /// Whether <paramref name="name"/> is one that <see cref="ResultsFile"/> gives a run of <paramref name="assembly"/>:
    /// <c>vypr-&lt;assembly&gt;-&lt;8 digits&gt;T&lt;6 digits&gt;-&lt;8 lowercase hex digits&gt;.json</c>.
    /// </summary>
    internal static bool IsResultsFileOf(string name, string assembly)
    {
        const string Prefix = "vypr-";
        const string Suffix = ".json";
        int start = Prefix.Length + assembly.Length + 1;
        if (name.Length != start + 8 + 1 + 6 + 1 + 8 + Suffix.Length
            || !name.StartsWith(Prefix, StringComparison.Ordinal)
            || string.CompareOrdinal(name, Prefix.Length, assembly, 0, assembly.Length) != 0
            || name[start - 1] != '-'
            || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> stamp = name.AsSpan(start, 8 + 1 + 6 + 1 + 8);
        for (int i = 0; i < stamp.Length; i++)
        {
            char c = stamp[i];
            bool fits = i switch
            {
                8 => c == 'T',
                15 => c == '-',
                < 15 => char.IsAsciiDigit(c),
                _ => char.IsAsciiHexDigitLower(c),
            };
            if (!fits)
            {
                return false;
            }
        }

        return true;
    }
}

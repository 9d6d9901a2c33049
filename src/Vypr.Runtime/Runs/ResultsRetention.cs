using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

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

        // The name ResultsFile gives a run: vypr-<assembly>-<yyyyMMddTHHmmss>-<8 hex digits of the run ID>.json.
        var ofAssembly = new Regex("^vypr-" + Regex.Escape(assembly) + @"-\d{8}T\d{6}-[0-9a-f]{8}\.json$", RegexOptions.CultureInvariant);
        FileInfo[] stale = new DirectoryInfo(directory).EnumerateFiles("vypr-*.json")
            .Where(f => ofAssembly.IsMatch(f.Name))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .Skip(kept)
            .ToArray();
        foreach (FileInfo file in stale)
        {
            file.Delete();
            File.Delete(Path.ChangeExtension(file.FullName, ".txt"));
        }

        return stale.Length;
    }
}

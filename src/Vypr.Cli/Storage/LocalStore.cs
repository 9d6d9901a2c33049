using System.IO;

namespace Vypr.Cli.Storage;

/// <summary>
/// The verdict store the tool uses when it is told of no other: a SQLite file under <c>.vypr/</c> of the working
/// directory (of <c>vypr.yml</c>'s directory for <c>vypr run</c>), the same file <c>vypr serve</c>, <c>vypr token</c>
/// and <c>vypr report</c> open there by default.
/// </summary>
internal static class LocalStore
{
    /// <summary>The default store, relative to the directory it belongs to.</summary>
    public const string DefaultPath = ".vypr/verdicts.db";

    /// <summary>The default store of <paramref name="directory"/>.</summary>
    /// <param name="directory">The working directory, or the directory of <c>vypr.yml</c>.</param>
    /// <returns>The full path of the SQLite file.</returns>
    public static string In(string directory) => Path.GetFullPath(Path.Combine(directory, DefaultPath));
}

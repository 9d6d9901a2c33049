using System;
using System.Collections.Generic;
using System.IO;
using Vypr.Analysis.Inputs;
using Vypr.Analysis.Server;
using Vypr.Analysis.Store;

namespace Vypr.Cli.Compare;

/// <summary>
/// The inputs of the analysis commands: files, directories, and verdict server addresses
/// (<c>http://ci:5080/?project=uploader&amp;branch=main</c>) read with the token in <c>VYPR_SERVER_TOKEN</c>.
/// </summary>
internal static class RunSources
{
    /// <summary>How every analysis command describes a source.</summary>
    public const string Description =
        "Results files (vypr.run/1), samples files (vypr.samples/1), directories of them, or a verdict server's address " +
        "selecting runs (http://host:port/?project=P&branch=B&commit=C&run=GUID&last=N; token from " + VerdictServerReader.TokenVariable + ").";

    /// <summary>Reads the runs of every source.</summary>
    /// <param name="sources">The sources.</param>
    /// <returns>The runs.</returns>
    public static IReadOnlyList<MeasuredRun> Read(IReadOnlyList<string> sources) =>
        RunReader.ReadAllAsync(sources, Token).GetAwaiter().GetResult();

    /// <summary>Opens every source as one store of results documents.</summary>
    /// <param name="sources">The sources.</param>
    /// <returns>The store.</returns>
    public static ResultsStore Open(IReadOnlyList<string> sources) =>
        ResultsStore.OpenAsync(sources, Token).GetAwaiter().GetResult();

    /// <summary>A short name of a source for reports: a directory's or file's name, or a server selection's.</summary>
    /// <param name="source">The source.</param>
    /// <returns>The label.</returns>
    public static string Label(string source) =>
        ServerSelection.IsServerAddress(source) ? ServerSelection.Parse(source).Label
        : Path.GetFileName(Path.TrimEndingDirectorySeparator(source)) is { Length: > 0 } name ? name : source;

    private static string? Token => Environment.GetEnvironmentVariable(VerdictServerReader.TokenVariable);
}

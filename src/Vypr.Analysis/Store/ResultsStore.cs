using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Analysis.Inputs;
using Vypr.Analysis.Server;
using Vypr.Contracts;

namespace Vypr.Analysis.Store;

/// <summary>
/// Results files on disk as one queryable set, for notebooks, tests and the commands: runs, and their calls with
/// test, specification and call site resolved (<c>store.Calls.Where(c =&gt; c.Violated).GroupBy(c =&gt; c.CallSite)</c>).
/// </summary>
public sealed class ResultsStore
{
    private ResultsStore(IReadOnlyList<RunDocument> runs)
    {
        Runs = runs;
    }

    /// <summary>The runs, oldest first.</summary>
    public IReadOnlyList<RunDocument> Runs { get; }

    /// <summary>Every kept call of every run, in run order, then verdict order.</summary>
    public IEnumerable<Call> Calls => Runs.SelectMany(CallsOf);

    /// <summary>
    /// Reads results files (<c>vypr.run/1</c>) from files and directories (every <c>*.json</c> in them; a campaign
    /// directory's finished iterations, <see cref="ResultsDirectory"/>).
    /// </summary>
    /// <param name="paths">Files or directories.</param>
    /// <returns>The store, runs ordered by start time.</returns>
    /// <exception cref="InvalidDataException">A file is not a results file, or is malformed; the message names the file and JSON path.</exception>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static ResultsStore Open(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var runs = new List<RunDocument>();
        foreach (string path in paths)
        {
            IEnumerable<string> files = Directory.Exists(path)
                ? ResultsDirectory.Files(path)
                : File.Exists(path) ? [path] : throw new FileNotFoundException($"{path}: no such file or directory", path);
            runs.AddRange(files.Select(Read));
        }

        return new ResultsStore(runs.OrderBy(r => r.Run.StartedAt).ToList());
    }

    /// <summary>
    /// Opens results files and directories and verdict servers alike: a source starting with <c>http://</c> or
    /// <c>https://</c> is a server address with its run selection (<see cref="ServerSelection"/>), anything else a path.
    /// </summary>
    /// <param name="sources">Files, directories and server addresses.</param>
    /// <param name="token">The API token for servers whose reads need one, or null.</param>
    /// <param name="cancellationToken">Cancels the server reads.</param>
    /// <returns>The store, runs ordered by start time.</returns>
    /// <exception cref="InvalidDataException">A file or an address is malformed.</exception>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="VerdictServerException">A server is unreachable or refused a read.</exception>
    public static async Task<ResultsStore> OpenAsync(IEnumerable<string> sources, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var runs = new List<RunDocument>();
        foreach (string source in sources)
        {
            runs.AddRange(ServerSelection.IsServerAddress(source) ? await ReadServerAsync(source, token, cancellationToken) : Open([source]).Runs);
        }

        return FromDocuments(runs);
    }

    /// <summary>A store of runs already in memory (read from a server, made by a test).</summary>
    /// <param name="runs">The runs.</param>
    /// <returns>The store, runs ordered by start time.</returns>
    public static ResultsStore FromDocuments(IEnumerable<RunDocument> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return new ResultsStore(runs.OrderBy(r => r.Run.StartedAt).ToList());
    }

    /// <summary>The runs of one branch.</summary>
    /// <param name="branch">The branch.</param>
    /// <returns>A store of those runs.</returns>
    public ResultsStore OnBranch(string branch) => new(Runs.Where(r => r.Run.Branch == branch).ToList());

    /// <summary>The kept calls of one monitored method (its readable name).</summary>
    /// <param name="method">The method, as <see cref="SpecificationInfo.Method"/> writes it.</param>
    /// <returns>Its calls.</returns>
    public IEnumerable<Call> CallsOf(string method) => Calls.Where(c => c.Method == method);

    internal static async Task<IReadOnlyList<RunDocument>> ReadServerAsync(string address, string? token, CancellationToken cancellationToken)
    {
        ServerSelection selection = ServerSelection.Parse(address);
        using var reader = new VerdictServerReader(selection.BaseAddress, token);
        return await reader.ReadRunsAsync(selection, cancellationToken);
    }

    private static IEnumerable<Call> CallsOf(RunDocument run)
    {
        var specs = run.Specifications.ToDictionary(s => s.Id);
        var sites = run.CallSites.ToDictionary(s => s.Id);
        var tests = run.Tests.ToDictionary(t => t.Id);
        foreach (VerdictInfo v in run.Verdicts)
        {
            if (specs.TryGetValue(v.SpecificationId, out SpecificationInfo? spec))
            {
                yield return new Call(run.Run, tests.GetValueOrDefault(v.TestId), spec, sites.GetValueOrDefault(v.CallSiteId), v);
            }
        }
    }

    private static RunDocument Read(string path)
    {
        RunDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllText(path), AnalysisJson.RunDocument);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}: {e.Path}: {e.Message}", e);
        }

        if (document is null || document.Schema != RunDocument.CurrentSchema)
        {
            throw new InvalidDataException($"{path}: $.schema is '{document?.Schema}'; expected '{RunDocument.CurrentSchema}' (a Vypr results file)");
        }

        return document;
    }
}

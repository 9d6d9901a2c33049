using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Analysis.Server;
using Vypr.Analysis.Store;
using Vypr.Contracts;

namespace Vypr.Analysis.Inputs;

/// <summary>
/// Reads runs from Vypr results files (<c>vypr.run/1</c>) and plain samples files (<c>vypr.samples/1</c>), telling
/// them apart by their <c>schema</c>; a directory stands for every <c>*.json</c> file in it, a campaign directory for
/// its finished iterations' results files (<see cref="ResultsDirectory"/>).
/// </summary>
public static class RunReader
{
    /// <summary>Reads every run in the given files and directories, in the order given (a directory's files by name).</summary>
    /// <param name="paths">Files or directories.</param>
    /// <returns>The runs.</returns>
    /// <exception cref="InvalidDataException">A file is not one of the formats, or is malformed; the message names the file, line and JSON path.</exception>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static IReadOnlyList<MeasuredRun> ReadAll(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var runs = new List<MeasuredRun>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (string file in ResultsDirectory.Files(path))
                {
                    runs.Add(Read(file));
                }
            }
            else if (File.Exists(path))
            {
                runs.Add(Read(path));
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such file or directory", path);
            }
        }

        return runs;
    }

    /// <summary>
    /// Reads every run of files, directories and verdict servers, in the order given: a source starting with
    /// <c>http://</c> or <c>https://</c> is a server address with its run selection (<see cref="ServerSelection"/>),
    /// whose runs come oldest first.
    /// </summary>
    /// <param name="sources">Files, directories and server addresses.</param>
    /// <param name="token">The API token for servers whose reads need one, or null.</param>
    /// <param name="cancellationToken">Cancels the server reads.</param>
    /// <returns>The runs.</returns>
    /// <exception cref="InvalidDataException">A file or an address is malformed.</exception>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="VerdictServerException">A server is unreachable or refused a read.</exception>
    public static async Task<IReadOnlyList<MeasuredRun>> ReadAllAsync(IEnumerable<string> sources, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var runs = new List<MeasuredRun>();
        foreach (string source in sources)
        {
            if (ServerSelection.IsServerAddress(source))
            {
                Uri server = ServerSelection.Parse(source).BaseAddress;
                foreach (RunDocument document in await ResultsStore.ReadServerAsync(source, token, cancellationToken))
                {
                    // Named like the run's resource, so a run without a commit is named by its GUID in a history.
                    runs.Add(FromDocument($"{server}api/v1/runs/{document.Run.RunId:D}", document));
                }
            }
            else
            {
                runs.AddRange(ReadAll([source]));
            }
        }

        return runs;
    }

    /// <summary>One run's measurements from its results document (read from a file, a server, or made in memory).</summary>
    /// <param name="source">Where it came from, for messages and as the commit's name when the run has none.</param>
    /// <param name="document">The document.</param>
    /// <returns>The run.</returns>
    /// <exception cref="InvalidDataException">A verdict refers to a call site or specification the document does not list.</exception>
    public static MeasuredRun FromDocument(string source, RunDocument document)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(document);
        return FromRunDocument(source, document);
    }

    /// <summary>Reads one file.</summary>
    /// <param name="path">A results file or a samples file.</param>
    /// <returns>The run.</returns>
    /// <exception cref="InvalidDataException">The file is not one of the formats, or is malformed.</exception>
    public static MeasuredRun Read(string path)
    {
        string text = File.ReadAllText(path);
        string? schema;
        try
        {
            using var probe = JsonDocument.Parse(text);
            schema = probe.RootElement.ValueKind == JsonValueKind.Object && probe.RootElement.TryGetProperty("schema", out JsonElement s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{Line(e)}: not JSON ({e.Message})", e);
        }

        try
        {
            return schema switch
            {
                RunDocument.CurrentSchema => FromRunDocument(path, JsonSerializer.Deserialize(text, AnalysisJson.RunDocument)!),
                SamplesFile.CurrentSchema => FromSamples(path, JsonSerializer.Deserialize(text, AnalysisJsonContext.Default.SamplesFile)!),
                _ => throw new InvalidDataException(
                    $"{path}: $.schema is '{schema}'; expected '{RunDocument.CurrentSchema}' (a Vypr results file) or '{SamplesFile.CurrentSchema}' (plain samples, docs/analysis.md)"),
            };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{Line(e)}: {e.Path}: {e.Message}", e);
        }
    }

    /// <summary>The name a metric of a results file gets: the monitored method, its specification and the call site.</summary>
    /// <param name="specification">The specification.</param>
    /// <param name="site">The call site.</param>
    /// <returns>A name stable across runs and checkouts (the file's name, not its path).</returns>
    public static string MetricName(SpecificationInfo specification, CallSiteInfo site)
    {
        ArgumentNullException.ThrowIfNull(specification);
        ArgumentNullException.ThrowIfNull(site);
        return string.Create(CultureInfo.InvariantCulture, $"{specification.Method} {specification.Text} @ {Path.GetFileName(site.File)}:{site.Line}");
    }

    private static MeasuredRun FromRunDocument(string path, RunDocument document)
    {
        var specifications = document.Specifications.ToDictionary(s => s.Id);
        var sites = document.CallSites.ToDictionary(s => s.Id);
        var samples = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var summaries = document.Summaries.ToDictionary(s => (s.TestId, s.CallSiteId));
        foreach (IGrouping<(int TestId, int CallSiteId), VerdictInfo> group in document.Verdicts.GroupBy(v => (v.TestId, v.CallSiteId)))
        {
            VerdictInfo first = group.First();
            if (!sites.TryGetValue(first.CallSiteId, out CallSiteInfo? site) ||
                !specifications.TryGetValue(first.SpecificationId, out SpecificationInfo? specification))
            {
                throw new InvalidDataException($"{path}: verdict {first.Sequence} refers to call site {first.CallSiteId} or specification {first.SpecificationId}, which the file does not list");
            }

            string name = MetricName(specification, site);
            if (!samples.TryGetValue(name, out List<double>? list))
            {
                samples[name] = list = [];
            }

            list.AddRange(Representative(group.ToList(), summaries.GetValueOrDefault(group.Key)).Select(v => (double)v.DurationNanoseconds));
        }

        var metrics = samples.ToDictionary(p => p.Key, p => new MetricSamples("ns", p.Value), StringComparer.Ordinal);
        foreach (TestInfo test in document.Tests)
        {
            if (test.EndedAt is { } ended)
            {
                metrics[$"test {test.Name} (wall time)"] = new MetricSamples("ns", [(ended - test.StartedAt).Ticks * 100.0]);
            }
        }

        RunInfo run = document.Run;
        return new MeasuredRun(path, run.Machine, run.Commit, run.Branch, run.StartedAt, metrics);
    }

    /// <summary>
    /// The kept verdicts of one test and call site, in the proportions of all its calls. A run keeps every violation
    /// but satisfied verdicts only up to a limit, so when the summary shows satisfied calls were dropped, the
    /// violations are thinned (evenly, in order) to the rate at which satisfied ones were kept; otherwise a
    /// comparison would read a retention artefact as a slowdown.
    /// </summary>
    internal static IEnumerable<VerdictInfo> Representative(List<VerdictInfo> kept, CallSiteSummary? summary)
    {
        var satisfied = kept.Where(v => v.Value).ToList();
        var violated = kept.Where(v => !v.Value).ToList();
        long totalSatisfied = summary is null ? satisfied.Count : summary.Calls - summary.Violations;
        if (summary is null || totalSatisfied <= satisfied.Count || violated.Count == 0)
        {
            return kept;
        }

        double keepRate = (double)satisfied.Count / totalSatisfied;
        int keep = (int)Math.Round(violated.Count * keepRate);
        var thinned = new List<VerdictInfo>(satisfied.Count + keep);
        thinned.AddRange(satisfied);
        for (int i = 0; i < keep; i++)
        {
            thinned.Add(violated[(int)((i + 0.5) * violated.Count / keep)]);
        }

        return thinned;
    }

    private static MeasuredRun FromSamples(string path, SamplesFile file)
    {
        if (file.Metrics is null)
        {
            throw new InvalidDataException($"{path}: $.metrics is missing; a samples file lists its metrics (docs/analysis.md)");
        }

        var metrics = new Dictionary<string, MetricSamples>(StringComparer.Ordinal);
        for (int i = 0; i < file.Metrics.Count; i++)
        {
            SamplesFileMetric metric = file.Metrics[i];
            if (metric is null || metric.Samples is null)
            {
                throw new InvalidDataException($"{path}: $.metrics[{i}] needs a name and samples");
            }

            if (string.IsNullOrWhiteSpace(metric.Name))
            {
                throw new InvalidDataException($"{path}: $.metrics[{i}].name is empty");
            }

            if (!IsCleanText(metric.Name))
            {
                throw new InvalidDataException($"{path}: $.metrics[{i}].name holds U+0000 or an unpaired surrogate, which a text in Vypr's formats never holds");
            }

            if (!metrics.TryAdd(metric.Name, new MetricSamples(metric.Unit ?? "ns", metric.Samples)))
            {
                throw new InvalidDataException($"{path}: $.metrics[{i}].name '{metric.Name}' appears twice");
            }
        }

        return new MeasuredRun(path, file.Machine ?? string.Empty, file.Commit, file.Branch, file.StartedAt, metrics);
    }

    /// <summary>Whether a text is free of NUL and of unpaired surrogates (the results format's rule for texts).</summary>
    private static bool IsCleanText(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    private static string Line(JsonException e) =>
        e.LineNumber is { } line ? (line + 1).ToString(CultureInfo.InvariantCulture) : "?";
}

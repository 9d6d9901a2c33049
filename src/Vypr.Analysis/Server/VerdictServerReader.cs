using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Contracts.Reads;

namespace Vypr.Analysis.Server;

/// <summary>
/// Reads runs from a verdict server's read API (<c>/api/v1</c>, docs/openapi.json) and rebuilds each as the
/// <see cref="RunDocument"/> its results file would have been, so that every analysis works on a server exactly as
/// on files: runs, tests, specifications, call sites, kept verdicts with their observations, and the exact summaries.
/// </summary>
public sealed class VerdictServerReader : IDisposable
{
    /// <summary>The environment variable the <c>vypr</c> commands take the read token from (the one runs ship with).</summary>
    public const string TokenVariable = "VYPR_SERVER_TOKEN";

    private const int PageSize = 1000;

    // Call details are one request each; a few in flight hide the round trips without flooding the server.
    private const int ParallelDetails = 4;

    private readonly ReadApiClient client;

    /// <summary>A reader of the server at <paramref name="baseAddress"/>.</summary>
    /// <param name="baseAddress">Where the server is mounted (<c>http://ci:5080/</c>).</param>
    /// <param name="token">The API token sent as <c>Authorization: Bearer</c> (needed when the server's reads need one), or null.</param>
    /// <param name="handler">The HTTP handler (tests, proxies); null for the default.</param>
    public VerdictServerReader(Uri baseAddress, string? token, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        client = new ReadApiClient(baseAddress, token, TokenVariable, TimeSpan.FromSeconds(100), handler);
    }

    /// <summary>Reads the selected runs, oldest first.</summary>
    /// <param name="selection">Which runs (the selection's address is not used: this reader's is).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The runs as results documents.</returns>
    /// <exception cref="VerdictServerException">The server is unreachable or refused a request (401 without a valid token, 404...).</exception>
    public async Task<IReadOnlyList<RunDocument>> ReadRunsAsync(ServerSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var query = new List<string>();
        AddQuery(query, "project", selection.Project);
        AddQuery(query, "branch", selection.Branch);
        AddQuery(query, "commit", selection.Commit);
        List<RunItem> runs = await ListAsync("api/v1/runs", query, ReadApiJsonContext.Default.PageRunItem, cancellationToken);
        IEnumerable<RunItem> chosen = runs.Where(r => selection.RunId is null || r.RunId == selection.RunId).OrderBy(r => r.StartedAt);
        if (selection.Last is { } last)
        {
            chosen = chosen.TakeLast(last);
        }

        List<RunItem> selected = chosen.ToList();
        if (selection.RunId is { } wanted && selected.Count == 0)
        {
            throw new VerdictServerException($"{client.BaseAddress}: no run {wanted} matches the selection");
        }

        var specifications = (await ListAsync("api/v1/specifications", [], ReadApiJsonContext.Default.PageSpecificationItem, cancellationToken)).ToDictionary(s => s.Id);
        var documents = new List<RunDocument>(selected.Count);
        foreach (RunItem run in selected)
        {
            documents.Add(await ReadRunAsync(run, specifications, cancellationToken));
        }

        return documents;
    }

    /// <inheritdoc/>
    public void Dispose() => client.Dispose();

    private async Task<RunDocument> ReadRunAsync(RunItem run, IReadOnlyDictionary<long, SpecificationItem> specifications, CancellationToken cancellationToken)
    {
        string runPath = "api/v1/runs/" + run.RunId.ToString("D");
        List<TestItem> tests = await ListAsync(runPath + "/tests", [], ReadApiJsonContext.Default.PageTestItem, cancellationToken);
        List<SummaryItem> summaries = await ListAsync(runPath + "/summaries", [], ReadApiJsonContext.Default.PageSummaryItem, cancellationToken);

        // Every method called in the run has a summary row: only those methods' calls are listed.
        var calls = new List<CallItem>();
        foreach (long method in summaries.Select(s => s.MethodId).Distinct().Order())
        {
            calls.AddRange(await ListAsync(
                "api/v1/methods/" + method.ToString(CultureInfo.InvariantCulture) + "/calls",
                ["run=" + run.RunId.ToString("D")],
                ReadApiJsonContext.Default.PageCallItem,
                cancellationToken));
        }

        var details = new CallDetail[calls.Count];
        await Parallel.ForAsync(
            0,
            calls.Count,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDetails, CancellationToken = cancellationToken },
            async (i, ct) => details[i] = await client.GetAsync("api/v1/calls/" + calls[i].Id.ToString(CultureInfo.InvariantCulture), ReadApiJsonContext.Default.CallDetail, ct));

        return new RunDocumentBuilder(run, specifications).Build(tests, summaries, details);
    }

    private async Task<List<T>> ListAsync<T>(string path, IReadOnlyList<string> query, JsonTypeInfo<Page<T>> type, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        long after = 0;
        while (true)
        {
            var parameters = new List<string>(query) { "limit=" + PageSize.ToString(CultureInfo.InvariantCulture) };
            if (after > 0)
            {
                parameters.Add("after=" + after.ToString(CultureInfo.InvariantCulture));
            }

            Page<T> page = await client.GetAsync(path + "?" + string.Join('&', parameters), type, cancellationToken);
            items.AddRange(page.Items);
            if (page.Next is not { } next)
            {
                return items;
            }

            if (next <= after)
            {
                throw new VerdictServerException($"GET {client.BaseAddress}{path}: the page after {after} points back to {next}");
            }

            after = next;
        }
    }

    private static void AddQuery(List<string> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}

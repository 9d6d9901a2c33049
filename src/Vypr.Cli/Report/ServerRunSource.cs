using System;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Analysis.Server;
using Vypr.Contracts.Reads;

namespace Vypr.Cli.Report;

/// <summary>A verdict server's read API (<c>/api/v1</c>), with a token when its reads need one.</summary>
internal sealed class ServerRunSource : IStoredRunSource
{
    private const int PageSize = 1000;
    private readonly ReadApiClient _client;
    private readonly string _baseUrl;

    /// <summary>Creates the source.</summary>
    /// <param name="baseUrl">The server's address.</param>
    /// <param name="token">The token, or null.</param>
    /// <param name="tokenVariable">The environment variable the token is read from (<c>--token-env</c>).</param>
    public ServerRunSource(string baseUrl, string? token, string tokenVariable)
    {
        _baseUrl = baseUrl.TrimEnd('/');
        _client = new ReadApiClient(new Uri(_baseUrl + "/"), token, tokenVariable, TimeSpan.FromSeconds(60));
    }

    public string Description => "the verdict server " + _baseUrl;

    public Task<RunItem?> RunAsync(Guid runId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/runs/{runId:D}", ReadApiJsonContext.Default.RunItem, cancellationToken);

    public async Task<RunItem?> LatestRunAsync(CancellationToken cancellationToken)
    {
        RunItem? latest = null;
        long after = 0;
        while (true)
        {
            Page<RunItem> page = await PageAsync($"api/v1/runs?after={after}&limit={PageSize}", ReadApiJsonContext.Default.PageRunItem, cancellationToken);
            if (page.Items.Count > 0)
            {
                latest = page.Items[^1];
            }

            if (page.Next is not { } next)
            {
                return latest;
            }

            after = next;
        }
    }

    public Task<Page<TestItem>> TestsAsync(Guid runId, long after, CancellationToken cancellationToken) =>
        PageAsync($"api/v1/runs/{runId:D}/tests?after={after}&limit={PageSize}", ReadApiJsonContext.Default.PageTestItem, cancellationToken);

    public Task<Page<SummaryItem>> SummariesAsync(Guid runId, long after, CancellationToken cancellationToken) =>
        PageAsync($"api/v1/runs/{runId:D}/summaries?after={after}&limit={PageSize}", ReadApiJsonContext.Default.PageSummaryItem, cancellationToken);

    public Task<Page<MethodItem>> MethodsAsync(long after, CancellationToken cancellationToken) =>
        PageAsync($"api/v1/methods?after={after}&limit={PageSize}", ReadApiJsonContext.Default.PageMethodItem, cancellationToken);

    public Task<Page<SpecificationItem>> SpecificationsAsync(long after, CancellationToken cancellationToken) =>
        PageAsync($"api/v1/specifications?after={after}&limit={PageSize}", ReadApiJsonContext.Default.PageSpecificationItem, cancellationToken);

    public Task<Page<CallItem>> ViolationsAsync(long methodId, Guid runId, CancellationToken cancellationToken) =>
        PageAsync($"api/v1/methods/{methodId}/calls?verdict=false&run={runId:D}&limit={StoredRun.MaxViolations}", ReadApiJsonContext.Default.PageCallItem, cancellationToken);

    public Task<CallDetail?> CallAsync(long callId, CancellationToken cancellationToken) =>
        GetAsync($"api/v1/calls/{callId}", ReadApiJsonContext.Default.CallDetail, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<Page<T>> PageAsync<T>(string path, JsonTypeInfo<Page<T>> type, CancellationToken cancellationToken) =>
        await GetAsync(path, type, cancellationToken) ?? throw new StoredRunException($"{Description}: {path} is not there (404)");

    private async Task<T?> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await _client.GetOrNullAsync(path, type, cancellationToken);
        }
        catch (VerdictServerException e) when (e.InnerException is HttpRequestException unreachable)
        {
            throw new StoredRunException($"{Description} cannot be reached: {unreachable.Message}", e);
        }
        catch (VerdictServerException e)
        {
            throw new StoredRunException($"{Description}: {e.Message}", e);
        }
    }
}

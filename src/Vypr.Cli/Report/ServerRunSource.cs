using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts.Reads;

namespace Vypr.Cli.Report;

/// <summary>A verdict server's read API (<c>/api/v1</c>), with a token when its reads need one.</summary>
internal sealed class ServerRunSource : IStoredRunSource
{
    private const int PageSize = 1000;
    private readonly HttpClient _client;
    private readonly string _baseUrl;

    /// <summary>Creates the source.</summary>
    /// <param name="baseUrl">The server's address.</param>
    /// <param name="token">The token, or null.</param>
    public ServerRunSource(string baseUrl, string? token)
    {
        _baseUrl = baseUrl.TrimEnd('/');
        _client = new HttpClient { BaseAddress = new Uri(_baseUrl + "/"), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
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
            using HttpResponseMessage response = await _client.GetAsync(path, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                string hint = response.StatusCode == HttpStatusCode.Unauthorized ? " (its reads need a token: set VYPR_SERVER_TOKEN, or name the variable with --token-env)" : string.Empty;
                throw new StoredRunException($"{Description} answered GET /{path} with {(int)response.StatusCode} {response.ReasonPhrase}{hint}: {(body.Length > 500 ? body[..500] : body)}");
            }

            return JsonSerializer.Deserialize(body, type) ?? throw new StoredRunException($"{Description} answered GET /{path} with null");
        }
        catch (HttpRequestException e)
        {
            throw new StoredRunException($"{Description} cannot be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoredRunException($"{Description} did not answer GET /{path} within {_client.Timeout.TotalSeconds}s", e);
        }
        catch (JsonException e)
        {
            throw new StoredRunException($"{Description} answered GET /{path} with something that is not the read API's JSON: {e.Message}", e);
        }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts.Reads;
using Vypr.Server.Reads;
using Vypr.Server.Storage;

namespace Vypr.Cli.Report;

/// <summary>A store opened directly with the server's own queries (the local SQLite store, or PostgreSQL).</summary>
internal sealed class StoreRunSource : IStoredRunSource
{
    private const int PageSize = 1000;
    private readonly VerdictDatabase _database;
    private readonly VerdictQueries _queries;

    /// <summary>Opens the store; the caller has checked that it exists (a report never creates one).</summary>
    /// <param name="location">The store.</param>
    public StoreRunSource(StoreLocation location)
    {
        _database = new VerdictDatabase(location);
        _queries = new VerdictQueries(_database);
    }

    public string Description => _database.Location.Describe();

    public Task<RunItem?> RunAsync(Guid runId, CancellationToken cancellationToken) => _queries.RunAsync(runId, cancellationToken);

    public async Task<RunItem?> LatestRunAsync(CancellationToken cancellationToken)
    {
        RunItem? latest = null;
        long after = 0;
        while (true)
        {
            Page<RunItem> page = await _queries.RunsAsync(null, null, null, after, PageSize, cancellationToken);
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

    public Task<Page<TestItem>> TestsAsync(Guid runId, long after, CancellationToken cancellationToken) => _queries.TestsAsync(runId, after, PageSize, cancellationToken);

    public Task<Page<SummaryItem>> SummariesAsync(Guid runId, long after, CancellationToken cancellationToken) => _queries.SummariesAsync(runId, after, PageSize, cancellationToken);

    public Task<Page<MethodItem>> MethodsAsync(long after, CancellationToken cancellationToken) => _queries.MethodsAsync(after, PageSize, cancellationToken);

    public Task<Page<SpecificationItem>> SpecificationsAsync(long after, CancellationToken cancellationToken) => _queries.SpecificationsAsync(null, after, PageSize, cancellationToken);

    public Task<Page<CallItem>> ViolationsAsync(long methodId, Guid runId, CancellationToken cancellationToken) =>
        _queries.CallsAsync(methodId, new CallFilter(false, runId, null, null, null), 0, StoredRun.MaxViolations, cancellationToken);

    public Task<CallDetail?> CallAsync(long callId, CancellationToken cancellationToken) => _queries.CallAsync(callId, cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts.Reads;

namespace Vypr.Cli.Report;

/// <summary>
/// What <c>vypr report</c> reads of a stored run: the read side of a verdict store, either opened directly (the local
/// store) or through a server's read API. Both give the same types, so a report is the same from either.
/// </summary>
internal interface IStoredRunSource : IAsyncDisposable
{
    /// <summary>Where the runs are read from, for messages.</summary>
    string Description { get; }

    /// <summary>The run, or null when the store has no such run.</summary>
    Task<RunItem?> RunAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>The most recently stored run, or null when the store has none.</summary>
    Task<RunItem?> LatestRunAsync(CancellationToken cancellationToken);

    /// <summary>A page of the run's tests.</summary>
    Task<Page<TestItem>> TestsAsync(Guid runId, long after, CancellationToken cancellationToken);

    /// <summary>A page of the run's per-test, per-call-site statistics.</summary>
    Task<Page<SummaryItem>> SummariesAsync(Guid runId, long after, CancellationToken cancellationToken);

    /// <summary>A page of the monitored methods.</summary>
    Task<Page<MethodItem>> MethodsAsync(long after, CancellationToken cancellationToken);

    /// <summary>A page of the specifications.</summary>
    Task<Page<SpecificationItem>> SpecificationsAsync(long after, CancellationToken cancellationToken);

    /// <summary>The first page of the run's violating calls of a method.</summary>
    Task<Page<CallItem>> ViolationsAsync(long methodId, Guid runId, CancellationToken cancellationToken);

    /// <summary>A call with its call site and verdicts, or null when there is none.</summary>
    Task<CallDetail?> CallAsync(long callId, CancellationToken cancellationToken);
}

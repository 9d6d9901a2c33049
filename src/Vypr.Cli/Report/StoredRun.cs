using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts.Reads;

namespace Vypr.Cli.Report;

/// <summary>A stored run as <c>vypr report</c> shows it: the run, its tests, its methods' statistics and its violations.</summary>
/// <param name="Run">The run.</param>
/// <param name="Tests">Its tests, in the order they started.</param>
/// <param name="Methods">Its monitored methods, one row per specification checked at them, violated ones first.</param>
/// <param name="ViolationCount">How many calls violated their specification (exact, from the statistics).</param>
/// <param name="Violations">The first violations in detail (at most <see cref="MaxViolations"/> per method).</param>
internal sealed record StoredRun(RunItem Run, IReadOnlyList<TestItem> Tests, IReadOnlyList<MethodStatistics> Methods, long ViolationCount, IReadOnlyList<StoredViolation> Violations)
{
    /// <summary>How many violations of one method are shown in detail.</summary>
    public const int MaxViolations = 10;

    /// <summary>The tests whose outcome is <c>Failed</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<TestItem> FailedTests => Tests.Where(t => t.Outcome == "Failed");

    /// <summary>Whether the run had a violation or a failed test.</summary>
    public bool Failed => ViolationCount > 0 || FailedTests.Any();

    /// <summary>Reads a run from a source.</summary>
    /// <param name="source">The store or server.</param>
    /// <param name="runId">The run, or null for the most recently stored one.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The run.</returns>
    /// <exception cref="StoredRunException">There is no such run, or the source fails.</exception>
    public static async Task<StoredRun> LoadAsync(IStoredRunSource source, Guid? runId, CancellationToken cancellationToken)
    {
        RunItem run = (runId is { } id ? await source.RunAsync(id, cancellationToken) : await source.LatestRunAsync(cancellationToken))
            ?? throw new StoredRunException(runId is { } missing ? $"{source.Description} holds no run {missing:D}" : $"{source.Description} holds no runs");

        List<TestItem> tests = await AllAsync(after => source.TestsAsync(run.RunId, after, cancellationToken));
        List<SummaryItem> summaries = await AllAsync(after => source.SummariesAsync(run.RunId, after, cancellationToken));
        Dictionary<long, string> methods = (await AllAsync(after => source.MethodsAsync(after, cancellationToken))).ToDictionary(m => m.Id, m => m.Name);
        List<SpecificationItem> specifications = await AllAsync(after => source.SpecificationsAsync(after, cancellationToken));
        var specificationsById = specifications.ToDictionary(s => s.Id);
        var testNames = tests.ToDictionary(t => t.Id, t => t.Name);

        // One row per specification at its method: a method with a bound and fluent specifications has a row for each.
        var statistics = new List<MethodStatistics>();
        foreach (IGrouping<(long Method, long Specification), SummaryItem> checkedBy in summaries.GroupBy(s => (s.MethodId, s.SpecificationId)))
        {
            long calls = checkedBy.Sum(s => s.Calls);
            statistics.Add(new MethodStatistics(
                methods.GetValueOrDefault(checkedBy.Key.Method) ?? $"method {checkedBy.Key.Method}",
                specificationsById.GetValueOrDefault(checkedBy.Key.Specification)?.Text,
                calls,
                checkedBy.Sum(s => s.Violations),
                checkedBy.Sum(s => s.Threw),
                checkedBy.Max(s => s.MaxNanoseconds),
                calls == 0 ? 0 : checkedBy.Sum(s => s.MeanNanoseconds * s.Calls) / calls));
        }

        // The violations are read by method (the read API's unit); each names the specification it broke.
        var violations = new List<StoredViolation>();
        foreach (IGrouping<long, SummaryItem> method in summaries.GroupBy(s => s.MethodId).Where(m => m.Sum(s => s.Violations) > 0))
        {
            string name = methods.GetValueOrDefault(method.Key) ?? $"method {method.Key}";
            foreach (CallItem call in (await source.ViolationsAsync(method.Key, run.RunId, cancellationToken)).Items)
            {
                CallDetail detail = await source.CallAsync(call.Id, cancellationToken)
                    ?? throw new StoredRunException($"{source.Description}: call {call.Id} of run {run.RunId:D} disappeared while it was read");
                SpecificationItem? specification = specificationsById.GetValueOrDefault(detail.CallSite.SpecificationId);
                violations.Add(new StoredViolation(
                    name,
                    specification?.Text ?? $"specification {detail.CallSite.SpecificationId}",
                    detail.CallSite.File,
                    detail.CallSite.Line,
                    detail.CallSite.Column,
                    call.TestId is { } test ? testNames.GetValueOrDefault(test) : null,
                    call.DurationNanoseconds,
                    specification?.BoundNanoseconds ?? 0));
            }
        }

        return new StoredRun(
            run,
            tests,
            [.. statistics.OrderByDescending(m => m.Violations).ThenBy(m => m.Method, StringComparer.Ordinal)],
            statistics.Sum(m => m.Violations),
            violations);
    }

    private static async Task<List<T>> AllAsync<T>(Func<long, Task<Page<T>>> page)
        where T : notnull
    {
        var all = new List<T>();
        long after = 0;
        while (true)
        {
            Page<T> next = await page(after);
            all.AddRange(next.Items);
            if (next.Next is not { } more || next.Items.Count == 0)
            {
                return all;
            }

            after = more;
        }
    }
}

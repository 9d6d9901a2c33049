using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Server.Ingest;
using Vypr.Server.Storage;

namespace Vypr.Server.Load;

/// <summary>
/// Stores a run's load section inside the ingest transaction. A run has one load section: the first delivery stores
/// it and a later one (a retried batch) leaves it as stored, like every other row keyed by the run.
/// </summary>
internal static class LoadSectionWriter
{
    /// <summary>Stores <paramref name="load"/> for the stored run <paramref name="runId"/>.</summary>
    /// <param name="create">Makes a command in the ingest transaction.</param>
    /// <param name="provider">The engine, for how doubles are stored.</param>
    /// <param name="runId">The stored run.</param>
    /// <param name="load">The load section.</param>
    /// <param name="tests">The run's stored tests, by number.</param>
    /// <param name="path">The JSON path of the load section, for errors.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task WriteAsync(
        Func<string, (string Name, object? Value)[], DbCommand> create,
        StoreProvider provider,
        long runId,
        LoadRunInfo load,
        Dictionary<long, long> tests,
        string path,
        CancellationToken cancellationToken)
    {
        object? Real(double? value) => value is not { } v ? null : provider == StoreProvider.Sqlite ? Sql.SqliteReal(v) : v;

        var storedTests = new long[load.Tests.Count];
        for (int i = 0; i < load.Tests.Count; i++)
        {
            int number = load.Tests[i].TestId;
            storedTests[i] = tests.TryGetValue(number, out long id)
                ? id
                : throw new BatchRejectedException($"{path}.tests[{i}].testId", $"test {number} is neither in the batch nor stored for this run");
        }

        await using (DbCommand insertRun = create(
            """
            INSERT INTO load_runs (run_id, plan, duration_s, planned_s, interrupted, load_average)
            VALUES (@run, @plan, @duration, @planned, @interrupted, @load)
            ON CONFLICT (run_id) DO NOTHING
            """,
            [("@run", runId), ("@plan", load.Plan), ("@duration", Real(load.DurationSeconds)), ("@planned", Real(load.PlannedSeconds)),
             ("@interrupted", load.Interrupted), ("@load", Real(load.LoadAverage))]))
        {
            if (await Sql.NonQueryAsync(insertRun, cancellationToken) == 0)
            {
                return;
            }
        }

        for (int i = 0; i < load.Tests.Count; i++)
        {
            LoadTestInfo test = load.Tests[i];
            long loadTestId;
            await using (DbCommand insertTest = create(
                """
                INSERT INTO load_tests (run_id, ordinal, test_number, test_id, name, type, model, concurrency, target_rate,
                    intended, fired, started, succeeded, failed, dropped, late, achieved_rate, accuracy, monitored_violations)
                VALUES (@run, @ordinal, @number, @test, @name, @type, @model, @concurrency, @target,
                    @intended, @fired, @started, @succeeded, @failed, @dropped, @late, @achieved, @accuracy, @violations)
                RETURNING id
                """,
                [("@run", runId), ("@ordinal", (long)i), ("@number", (long)test.TestId), ("@test", storedTests[i]), ("@name", test.Name),
                 ("@type", test.Type), ("@model", test.Model), ("@concurrency", (long?)test.Concurrency), ("@target", Real(test.TargetRate)),
                 ("@intended", test.Intended), ("@fired", test.Fired), ("@started", test.Started), ("@succeeded", test.Succeeded),
                 ("@failed", test.Failed), ("@dropped", test.Dropped), ("@late", test.Late), ("@achieved", Real(test.AchievedRate)),
                 ("@accuracy", Real(test.Accuracy)), ("@violations", test.MonitoredViolations)]))
            {
                loadTestId = (await Sql.ScalarInt64Async(insertTest, cancellationToken))!.Value;
            }

            var distributions = new List<(string Kind, string? Name, LoadDistribution Value)>
            {
                ("latency", null, test.Latency),
                ("service", null, test.Service),
                ("start_delay", null, test.StartDelay),
            };
            if (test.SchedulingError is { } schedulingError)
            {
                distributions.Add(("scheduling_error", null, schedulingError));
            }

            foreach (LoadMetric metric in test.Metrics)
            {
                distributions.Add(("metric", metric.Name, metric.Statistics));
            }

            for (int j = 0; j < distributions.Count; j++)
            {
                (string kind, string? name, LoadDistribution d) = distributions[j];
                await using DbCommand insert = create(
                    """
                    INSERT INTO load_distributions (load_test_id, ordinal, kind, name, unit, value_count, min_value, mean_value,
                        p50, p75, p90, p95, p99, p999, max_value, invalid)
                    VALUES (@test, @ordinal, @kind, @name, @unit, @count, @min, @mean, @p50, @p75, @p90, @p95, @p99, @p999, @max, @invalid)
                    """,
                    [("@test", loadTestId), ("@ordinal", (long)j), ("@kind", kind), ("@name", name), ("@unit", d.Unit), ("@count", d.Count),
                     ("@min", Real(d.Min)), ("@mean", Real(d.Mean)), ("@p50", Real(d.P50)), ("@p75", Real(d.P75)), ("@p90", Real(d.P90)),
                     ("@p95", Real(d.P95)), ("@p99", Real(d.P99)), ("@p999", Real(d.P999)), ("@max", Real(d.Max)), ("@invalid", d.Invalid)]);
                await Sql.NonQueryAsync(insert, cancellationToken);
            }

            for (int j = 0; j < test.Errors.Count; j++)
            {
                LoadErrorCount error = test.Errors[j];
                await using DbCommand insert = create(
                    "INSERT INTO load_errors (load_test_id, ordinal, type, error_count, first_message) VALUES (@test, @ordinal, @type, @count, @message)",
                    [("@test", loadTestId), ("@ordinal", (long)j), ("@type", error.Type), ("@count", error.Count), ("@message", error.FirstMessage)]);
                await Sql.NonQueryAsync(insert, cancellationToken);
            }

            for (int j = 0; j < test.Thresholds.Count; j++)
            {
                LoadThresholdInfo threshold = test.Thresholds[j];
                await using DbCommand insert = create(
                    """
                    INSERT INTO load_thresholds (load_test_id, ordinal, expression, passed, actual, actual_text)
                    VALUES (@test, @ordinal, @expression, @passed, @actual, @text)
                    """,
                    [("@test", loadTestId), ("@ordinal", (long)j), ("@expression", threshold.Expression), ("@passed", threshold.Passed),
                     ("@actual", Real(threshold.Actual)), ("@text", threshold.ActualText)]);
                await Sql.NonQueryAsync(insert, cancellationToken);
            }
        }
    }
}

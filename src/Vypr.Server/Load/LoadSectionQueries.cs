using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Server.Storage;

namespace Vypr.Server.Load;

/// <summary>Reads a run's load section back in the shape it was ingested in (<see cref="LoadRunInfo"/>).</summary>
internal sealed class LoadSectionQueries(VerdictDatabase database)
{
    /// <summary>The load section of a run, or null when the run has none.</summary>
    public async Task<LoadRunInfo?> LoadAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        string guid = runId.ToString("D");
        long runKey;
        (string Plan, double Duration, double Planned, bool Interrupted, double? LoadAverage) run;
        await using (DbCommand select = Sql.Command(
            connection,
            null,
            """
            SELECT r.id, l.plan, l.duration_s, l.planned_s, l.interrupted, l.load_average
            FROM load_runs l JOIN runs r ON r.id = l.run_id WHERE r.run_guid = @guid
            """,
            ("@guid", guid)))
        await using (DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            runKey = reader.GetInt64(0);
            run = (reader.GetString(1), Sql.Double(reader, 2), Sql.Double(reader, 3), reader.GetBoolean(4), NullableDouble(reader, 5));
        }

        var distributions = new Dictionary<long, List<(string Kind, string? Name, LoadDistribution Value)>>();
        await using (DbCommand select = Sql.Command(
            connection,
            null,
            """
            SELECT d.load_test_id, d.kind, d.name, d.unit, d.value_count, d.min_value, d.mean_value, d.p50, d.p75, d.p90, d.p95, d.p99, d.p999, d.max_value, d.invalid
            FROM load_distributions d JOIN load_tests t ON t.id = d.load_test_id
            WHERE t.run_id = @run ORDER BY d.load_test_id, d.ordinal
            """,
            ("@run", runKey)))
        await using (DbDataReader r = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                var value = new LoadDistribution(
                    r.GetString(3), r.GetInt64(4), Sql.Double(r, 5), Sql.Double(r, 6), Sql.Double(r, 7), Sql.Double(r, 8), Sql.Double(r, 9),
                    Sql.Double(r, 10), Sql.Double(r, 11), Sql.Double(r, 12), Sql.Double(r, 13), r.GetInt64(14));
                ListOf(distributions, r.GetInt64(0)).Add((r.GetString(1), Sql.NullableString(r, 2), value));
            }
        }

        var errors = new Dictionary<long, List<LoadErrorCount>>();
        await using (DbCommand select = Sql.Command(
            connection,
            null,
            """
            SELECT e.load_test_id, e.type, e.error_count, e.first_message
            FROM load_errors e JOIN load_tests t ON t.id = e.load_test_id
            WHERE t.run_id = @run ORDER BY e.load_test_id, e.ordinal
            """,
            ("@run", runKey)))
        await using (DbDataReader r = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                ListOf(errors, r.GetInt64(0)).Add(new LoadErrorCount(r.GetString(1), r.GetInt64(2), r.GetString(3)));
            }
        }

        var thresholds = new Dictionary<long, List<LoadThresholdInfo>>();
        await using (DbCommand select = Sql.Command(
            connection,
            null,
            """
            SELECT h.load_test_id, h.expression, h.passed, h.actual, h.actual_text
            FROM load_thresholds h JOIN load_tests t ON t.id = h.load_test_id
            WHERE t.run_id = @run ORDER BY h.load_test_id, h.ordinal
            """,
            ("@run", runKey)))
        await using (DbDataReader r = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                ListOf(thresholds, r.GetInt64(0)).Add(new LoadThresholdInfo(r.GetString(1), r.GetBoolean(2), Sql.Double(r, 3), r.GetString(4)));
            }
        }

        var tests = new List<LoadTestInfo>();
        await using (DbCommand select = Sql.Command(
            connection,
            null,
            """
            SELECT id, test_number, name, type, model, concurrency, target_rate, intended, fired, started, succeeded, failed, dropped, late,
                   achieved_rate, accuracy, monitored_violations
            FROM load_tests WHERE run_id = @run ORDER BY ordinal
            """,
            ("@run", runKey)))
        await using (DbDataReader r = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await r.ReadAsync(cancellationToken))
            {
                long id = r.GetInt64(0);
                List<(string Kind, string? Name, LoadDistribution Value)> own = distributions.GetValueOrDefault(id) ?? [];
                LoadDistribution Kind(string kind) => own.Find(d => d.Kind == kind).Value
                    ?? throw new InvalidOperationException($"load test {id} has no {kind} distribution");
                tests.Add(new LoadTestInfo(
                    (int)r.GetInt64(1),
                    r.GetString(2),
                    r.GetString(3),
                    r.GetString(4),
                    r.IsDBNull(5) ? null : (int)r.GetInt64(5),
                    NullableDouble(r, 6),
                    r.GetInt64(7),
                    r.GetInt64(8),
                    r.GetInt64(9),
                    r.GetInt64(10),
                    r.GetInt64(11),
                    r.GetInt64(12),
                    r.GetInt64(13),
                    Sql.Double(r, 14),
                    Sql.Double(r, 15),
                    Kind("latency"),
                    Kind("service"),
                    Kind("start_delay"),
                    own.Find(d => d.Kind == "scheduling_error").Value,
                    errors.GetValueOrDefault(id) ?? [],
                    own.FindAll(d => d.Kind == "metric").ConvertAll(d => new LoadMetric(d.Name!, d.Value)),
                    thresholds.GetValueOrDefault(id) ?? [],
                    r.GetInt64(16)));
            }
        }

        return new LoadRunInfo(run.Plan, run.Duration, run.Planned, run.Interrupted, run.LoadAverage, tests);
    }

    private static double? NullableDouble(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Sql.Double(reader, ordinal);

    private static List<T> ListOf<T>(Dictionary<long, List<T>> lists, long key)
    {
        if (!lists.TryGetValue(key, out List<T>? list))
        {
            list = [];
            lists[key] = list;
        }

        return list;
    }
}

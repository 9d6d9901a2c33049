using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Contracts.Reads;
using Vypr.Server.Storage;

namespace Vypr.Server.Reads;

/// <summary>
/// The read side of the store. Listings page by ID (keyset paging: <c>id &gt; @after ORDER BY id LIMIT n</c>), so a
/// page costs the same at row 10 and at row 10 million.
/// </summary>
internal sealed class VerdictQueries(VerdictDatabase database)
{
    private const string CallColumns =
        "c.id, r.run_guid, c.sequence, c.method_id, c.call_site_id, c.test_id, c.thread_id, c.started_us, c.duration_ns, c.threw, v.value, v.severity";

    public Task<Page<ProjectItem>> ProjectsAsync(long after, int limit, CancellationToken cancellationToken) =>
        PageAsync(
            "SELECT id, name FROM projects WHERE id > @after ORDER BY id LIMIT @limit",
            [("@after", after), ("@limit", (long)limit)],
            limit,
            static r => new ProjectItem(r.GetInt64(0), r.GetString(1)),
            static p => p.Id,
            cancellationToken);

    public Task<Page<RunItem>> RunsAsync(string? project, string? branch, string? commit, long after, int limit, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("r.id > @after");
        var parameters = new List<(string, object?)> { ("@after", after), ("@limit", (long)limit) };
        Filter(where, parameters, "p.name = @project", "@project", project);
        Filter(where, parameters, "r.branch = @branch", "@branch", branch);
        Filter(where, parameters, "r.commit_sha = @commit", "@commit", commit);
        return PageAsync(
            $"""
            SELECT r.id, r.run_guid, p.name, r.assembly, r.commit_sha, r.branch, r.ci_job_url, r.machine, r.runtime, r.started_us, r.ended_us, r.dirty, r.ci_provider
            FROM runs r JOIN projects p ON p.id = r.project_id
            WHERE {where} ORDER BY r.id LIMIT @limit
            """,
            [.. parameters],
            limit,
            static r => (r.GetInt64(0), ReadRun(r, 1)),
            static x => x.Item1,
            cancellationToken,
            static x => x.Item2);
    }

    public async Task<RunItem?> RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand select = Sql.Command(
            connection,
            null,
            """
            SELECT r.run_guid, p.name, r.assembly, r.commit_sha, r.branch, r.ci_job_url, r.machine, r.runtime, r.started_us, r.ended_us, r.dirty, r.ci_provider
            FROM runs r JOIN projects p ON p.id = r.project_id WHERE r.run_guid = @guid
            """,
            ("@guid", runId.ToString("D")));
        await using DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRun(reader, 0) : null;
    }

    public Task<Page<TestItem>> TestsAsync(Guid runId, long after, int limit, CancellationToken cancellationToken) =>
        PageAsync(
            """
            SELECT t.id, r.run_guid, t.number, t.name, t.started_us, t.ended_us, t.outcome, m.value,
                   c.wall_ns, c.cpu_ns, c.allocated_bytes, c.gen0_collections, c.gen1_collections, c.gen2_collections, c.peak_working_set_bytes, c.exclusive
            FROM tests t JOIN runs r ON r.id = t.run_id
            LEFT JOIN test_measurements m ON m.test_id = t.id AND m.name = 'wall_time'
            LEFT JOIN test_costs c ON c.test_id = t.id
            WHERE r.run_guid = @guid AND t.id > @after ORDER BY t.id LIMIT @limit
            """,
            [("@guid", runId.ToString("D")), ("@after", after), ("@limit", (long)limit)],
            limit,
            static r => new TestItem(
                r.GetInt64(0),
                Guid.Parse(r.GetString(1)),
                r.GetInt64(2),
                r.GetString(3),
                Microseconds.ToInstant(r.GetInt64(4)),
                Microseconds.ToInstant(Sql.NullableInt64(r, 5)),
                Sql.NullableString(r, 6),
                r.IsDBNull(7) ? null : Sql.Double(r, 7))
            {
                Measurements = r.IsDBNull(8) ? null : new TestMeasurements(
                    r.GetInt64(8),
                    r.GetInt64(9),
                    r.GetInt64(10),
                    checked((int)r.GetInt64(11)),
                    checked((int)r.GetInt64(12)),
                    checked((int)r.GetInt64(13)),
                    r.GetInt64(14),
                    r.GetBoolean(15)),
            },
            static t => t.Id,
            cancellationToken);

    public Task<Page<SummaryItem>> SummariesAsync(Guid runId, long after, int limit, CancellationToken cancellationToken) =>
        PageAsync(
            """
            SELECT x.rowid_, x.test_id, x.call_site_id, x.method_id, x.calls, x.violations, x.threw, x.min_ns, x.max_ns, x.total_ns, x.specification_id
            FROM (
                SELECT ROW_NUMBER() OVER (ORDER BY s.test_number, s.call_site_id) AS rowid_,
                       s.test_id, s.call_site_id, sp.method_id, s.calls, s.violations, s.threw, s.min_ns, s.max_ns, s.total_ns, c.specification_id
                FROM call_site_summaries s
                JOIN runs r ON r.id = s.run_id
                JOIN call_sites c ON c.id = s.call_site_id
                JOIN specifications sp ON sp.id = c.specification_id
                WHERE r.run_guid = @guid) x
            WHERE x.rowid_ > @after ORDER BY x.rowid_ LIMIT @limit
            """,
            [("@guid", runId.ToString("D")), ("@after", after), ("@limit", (long)limit)],
            limit,
            static r => (r.GetInt64(0), new SummaryItem(
                Sql.NullableInt64(r, 1),
                r.GetInt64(2),
                r.GetInt64(3),
                r.GetInt64(4),
                r.GetInt64(5),
                r.GetInt64(6),
                r.GetInt64(7),
                r.GetInt64(8),
                r.GetInt64(4) == 0 ? 0 : (double)r.GetInt64(9) / r.GetInt64(4)) { SpecificationId = r.GetInt64(10) }),
            static x => x.Item1,
            cancellationToken,
            static x => x.Item2);

    public Task<Page<MethodItem>> MethodsAsync(long after, int limit, CancellationToken cancellationToken) =>
        PageAsync(
            "SELECT id, name FROM methods WHERE id > @after ORDER BY id LIMIT @limit",
            [("@after", after), ("@limit", (long)limit)],
            limit,
            static r => new MethodItem(r.GetInt64(0), r.GetString(1)),
            static m => m.Id,
            cancellationToken);

    public Task<Page<SpecificationItem>> SpecificationsAsync(long? methodId, long after, int limit, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("s.id > @after");
        var parameters = new List<(string, object?)> { ("@after", after), ("@limit", (long)limit) };
        Filter(where, parameters, "s.method_id = @method", "@method", methodId);
        return PageAsync(
            $"""
            SELECT s.id, s.method_id, m.name, s.text, s.hash, s.version, s.bound_ns
            FROM specifications s JOIN methods m ON m.id = s.method_id
            WHERE {where} ORDER BY s.id LIMIT @limit
            """,
            [.. parameters],
            limit,
            static r => new SpecificationItem(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetInt64(6)),
            static s => s.Id,
            cancellationToken);
    }

    public Task<Page<CallItem>> CallsAsync(long methodId, CallFilter filter, long after, int limit, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("v.method_id = @method AND v.call_id > @after");
        var parameters = new List<(string, object?)> { ("@method", methodId), ("@after", after), ("@limit", (long)limit) };
        Filter(where, parameters, "v.value = @value", "@value", filter.Verdict);
        Filter(where, parameters, "c.run_id = (SELECT id FROM runs WHERE run_guid = @run)", "@run", filter.RunId?.ToString("D"));
        Filter(where, parameters, "c.test_id = @test", "@test", filter.TestId);
        Filter(where, parameters, "c.started_us >= @from", "@from", Microseconds.From(filter.From));
        Filter(where, parameters, "c.started_us < @to", "@to", Microseconds.From(filter.To));
        return PageAsync(
            $"""
            SELECT {CallColumns}
            FROM verdicts v JOIN calls c ON c.id = v.call_id JOIN runs r ON r.id = c.run_id
            WHERE {where} ORDER BY v.call_id LIMIT @limit
            """,
            [.. parameters],
            limit,
            ReadCall,
            static c => c.Id,
            cancellationToken);
    }

    public async Task<CallDetail?> CallAsync(long callId, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        CallItem call;
        CallSiteItem site;
        await using (DbCommand select = Sql.Command(
            connection,
            null,
            $"""
            SELECT {CallColumns}, s.id, s.specification_id, s.file, s.line, s.col, s.caller, s.assembly
            FROM calls c JOIN runs r ON r.id = c.run_id JOIN verdicts v ON v.call_id = c.id JOIN call_sites s ON s.id = c.call_site_id
            WHERE c.id = @call
            """,
            ("@call", callId)))
        {
            await using DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            call = ReadCall(reader);
            site = ReadCallSite(reader, 12);
        }

        var verdicts = new List<VerdictItem>();
        await using (DbCommand select = Sql.Command(
            connection,
            null,
            """
            SELECT v.id, v.specification_id, v.value, v.severity, v.deciding_observation,
                   o.term, o.value, o.unit, o.condition, o.satisfied,
                   s.id, s.specification_id, s.file, s.line, s.col, s.caller, s.assembly
            FROM verdicts v JOIN observations o ON o.verdict_id = v.id
            LEFT JOIN call_sites s ON s.id = o.call_site_id
            WHERE v.call_id = @call ORDER BY v.id, o.ordinal
            """,
            ("@call", callId)))
        {
            await using DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken);
            List<ObservationItem>? observations = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                long id = reader.GetInt64(0);
                if (verdicts.Count == 0 || verdicts[^1].Id != id)
                {
                    observations = [];
                    verdicts.Add(new VerdictItem(id, reader.GetInt64(1), reader.GetBoolean(2), Sql.Double(reader, 3), reader.GetInt64(4), observations));
                }

                CallSiteItem? observed = reader.IsDBNull(10) ? null : ReadCallSite(reader, 10);
                observations!.Add(new ObservationItem(reader.GetString(5), Sql.Double(reader, 6), reader.GetString(7), reader.GetString(8), reader.GetBoolean(9), observed?.Id, observed));
            }
        }

        return new CallDetail(call, site, verdicts);
    }

    public Task<bool> RunExistsAsync(Guid runId, CancellationToken cancellationToken) =>
        ExistsAsync("SELECT COUNT(*) FROM runs WHERE run_guid = @key", runId.ToString("D"), cancellationToken);

    public Task<bool> MethodExistsAsync(long methodId, CancellationToken cancellationToken) =>
        ExistsAsync("SELECT COUNT(*) FROM methods WHERE id = @key", methodId, cancellationToken);

    private async Task<bool> ExistsAsync(string query, object key, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand select = Sql.Command(connection, null, query, ("@key", key));
        return await Sql.ScalarInt64Async(select, cancellationToken) > 0;
    }

    private static CallItem ReadCall(DbDataReader r) => new(
        r.GetInt64(0),
        Guid.Parse(r.GetString(1)),
        r.GetInt64(2),
        r.GetInt64(3),
        r.GetInt64(4),
        Sql.NullableInt64(r, 5),
        r.GetInt64(6),
        Microseconds.ToInstant(r.GetInt64(7)),
        r.GetInt64(8),
        r.GetBoolean(9),
        r.GetBoolean(10),
        Sql.Double(r, 11));

    private static CallSiteItem ReadCallSite(DbDataReader r, int first) => new(
        r.GetInt64(first),
        r.GetInt64(first + 1),
        r.GetString(first + 2),
        r.GetInt64(first + 3),
        r.GetInt64(first + 4),
        r.GetString(first + 5),
        r.GetString(first + 6));

    private static RunItem ReadRun(DbDataReader r, int first) => new(
        Guid.Parse(r.GetString(first)),
        r.GetString(first + 1),
        r.GetString(first + 2),
        Sql.NullableString(r, first + 3),
        Sql.NullableString(r, first + 4),
        Sql.NullableString(r, first + 5),
        r.GetString(first + 6),
        r.GetString(first + 7),
        Microseconds.ToInstant(r.GetInt64(first + 8)),
        Microseconds.ToInstant(r.GetInt64(first + 9)),
        r.IsDBNull(first + 10) ? null : r.GetBoolean(first + 10),
        Sql.NullableString(r, first + 11));

    // Each optional filter adds a fixed SQL fragment and binds its value: user input never becomes SQL text.
    private static void Filter(StringBuilder where, List<(string, object?)> parameters, string condition, string name, object? value)
    {
        if (value is not null)
        {
            where.Append(" AND ").Append(condition);
            parameters.Add((name, value));
        }
    }

    private Task<Page<T>> PageAsync<T>(
        string query,
        (string, object?)[] parameters,
        int limit,
        Func<DbDataReader, T> read,
        Func<T, long> idOf,
        CancellationToken cancellationToken) =>
        PageAsync(query, parameters, limit, read, idOf, cancellationToken, static x => x);

    private async Task<Page<TResult>> PageAsync<TRow, TResult>(
        string query,
        (string, object?)[] parameters,
        int limit,
        Func<DbDataReader, TRow> read,
        Func<TRow, long> idOf,
        CancellationToken cancellationToken,
        Func<TRow, TResult> project)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand select = Sql.Command(connection, null, query, parameters);
        await using DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TRow>(Math.Min(limit, 1000));
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        long? next = rows.Count == limit ? idOf(rows[^1]) : null;
        return new Page<TResult>(rows.ConvertAll(x => project(x)), next);
    }
}

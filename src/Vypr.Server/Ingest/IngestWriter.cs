using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Vypr.Contracts;
using Vypr.Server.Storage;

namespace Vypr.Server.Ingest;

/// <summary>
/// Stores validated run documents in one transaction: either the whole batch is stored or nothing is. Every row
/// has a natural key (run GUID, verdict sequence, specification hash...), so a batch delivered twice is stored once.
/// </summary>
internal sealed class IngestWriter(VerdictDatabase database)
{
    /// <summary>How often a batch is tried when PostgreSQL aborts its transaction as a deadlock victim or a serialization failure.</summary>
    public const int MaxAttempts = 5;

    public async Task<IngestOutcome> WriteAsync(IReadOnlyList<(RunDocument Document, string Path)> batch, IngestSource source, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceAsync(batch, source, cancellationToken);
            }
            catch (PostgresException e) when (IsTransient(e) && attempt < MaxAttempts)
            {
                // The shared rows are locked in one global order (below), so this is a last line of defence: the
                // whole transaction was rolled back and is tried again after a short random pause.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
        }
    }

    /// <summary>Whether PostgreSQL rolled the transaction back for a reason that trying again resolves.</summary>
    public static bool IsTransient(DbException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    private async Task<IngestOutcome> WriteOnceAsync(IReadOnlyList<(RunDocument Document, string Path)> batch, IngestSource source, CancellationToken cancellationToken)
    {
        using IDisposable writer = await database.EnterWriteAsync(cancellationToken);
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        var statements = new Statements(connection, transaction, database);
        try
        {
            long projectId = await UpsertProjectAsync(statements, source.Project, cancellationToken);
            await WriteSharedRowsAsync(statements, batch, cancellationToken);
            int received = 0;
            int stored = 0;
            // Runs in GUID order too: two batches of the same runs lock their rows in the same order.
            foreach ((RunDocument document, string path) in batch.OrderBy(b => b.Document.Run.RunId))
            {
                received += document.Verdicts.Count;
                stored += await WriteRunAsync(statements, projectId, source.CiJobUrl, document, path, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return new IngestOutcome(batch.Count, received, stored);
        }
        finally
        {
            await statements.DisposeAsync();
        }
    }

    /// <summary>
    /// A new specification's version counts the ones its method already has, so two batches bringing different new
    /// specifications of one method at once would both count the same rows and store the same version. On
    /// PostgreSQL the methods about to gain a specification are locked first, in name order like every shared row, so
    /// the second batch counts after the first commits (each statement of a read-committed transaction sees what
    /// committed before it). Specifications rarely change, so the lock is rarely taken; SQLite has one writer and
    /// needs none.
    /// </summary>
    private static async Task LockMethodsGainingSpecificationsAsync(
        Statements statements, SortedDictionary<string, SpecificationInfo> specifications, CancellationToken cancellationToken)
    {
        if (statements.Database.Provider != StoreProvider.PostgreSql)
        {
            return;
        }

        var gaining = new SortedSet<string>(StringComparer.Ordinal);
        foreach ((string hash, SpecificationInfo specification) in specifications)
        {
            await using DbCommand known = statements.Create("SELECT COUNT(*) FROM specifications WHERE hash = @hash", ("@hash", hash));
            if (await Sql.ScalarInt64Async(known, cancellationToken) == 0)
            {
                gaining.Add(specification.Method);
            }
        }

        foreach (string method in gaining)
        {
            await using DbCommand lockMethod = statements.Create("SELECT id FROM methods WHERE name = @name FOR UPDATE", ("@name", method));
            await lockMethod.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Inserts the rows that runs share (methods, specifications, call sites) in one global order: by table, then
    /// by key (ordinal). A unique-key insert waits for a concurrent transaction that inserted the same key; two
    /// batches that inserted the same keys in opposite orders used to wait for each other (40P01). In one order,
    /// whichever batch locks a key first can always finish.
    /// </summary>
    private static async Task WriteSharedRowsAsync(Statements statements, IReadOnlyList<(RunDocument Document, string Path)> batch, CancellationToken cancellationToken)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        var specifications = new SortedDictionary<string, SpecificationInfo>(StringComparer.Ordinal);
        var callSites = new SortedDictionary<(string Hash, string File, int Line, int Column), CallSiteInfo>(CallSiteKeyComparer.Instance);
        foreach ((RunDocument document, _) in batch)
        {
            var hashOf = new Dictionary<int, string>();
            foreach (SpecificationInfo specification in document.Specifications)
            {
                string hash = HashOf(specification);
                hashOf[specification.Id] = hash;
                methods.Add(specification.Method);
                specifications.TryAdd(hash, specification);
            }

            // A call site of a specification that an earlier batch stored is inserted with its run below.
            foreach (CallSiteInfo site in document.CallSites)
            {
                if (hashOf.TryGetValue(site.SpecificationId, out string? hash))
                {
                    callSites.TryAdd((hash, site.File, site.Line, site.Column), site);
                }
            }
        }

        foreach (string method in methods)
        {
            await using DbCommand insertMethod = statements.Create(
                "INSERT INTO methods (name) VALUES (@name) ON CONFLICT (name) DO NOTHING",
                ("@name", method));
            await insertMethod.ExecuteNonQueryAsync(cancellationToken);
        }

        await LockMethodsGainingSpecificationsAsync(statements, specifications, cancellationToken);
        foreach ((string hash, SpecificationInfo specification) in specifications)
        {
            // The version counts the distinct specifications a method has had, so a changed bound reads as "v2".
            await using DbCommand insert = statements.Create(
                """
                INSERT INTO specifications (hash, spec_key, method_id, text, bound_ns, version)
                SELECT @hash, @key, m.id, @text, @bound,
                       (SELECT COUNT(*) + 1 FROM specifications s WHERE s.method_id = m.id)
                FROM methods m WHERE m.name = @method
                ON CONFLICT (hash) DO NOTHING
                """,
                ("@hash", hash),
                ("@key", specification.Key),
                ("@text", specification.Text),
                ("@bound", specification.BoundNanoseconds),
                ("@method", specification.Method));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (((string hash, _, _, _), CallSiteInfo site) in callSites)
        {
            await using DbCommand insert = statements.Create(
                """
                INSERT INTO call_sites (specification_id, file, line, col, caller, assembly)
                SELECT id, @file, @line, @col, @caller, @assembly FROM specifications WHERE hash = @hash
                ON CONFLICT (specification_id, file, line, col) DO NOTHING
                """,
                ("@hash", hash),
                ("@file", site.File),
                ("@line", (long)site.Line),
                ("@col", (long)site.Column),
                ("@caller", site.Caller),
                ("@assembly", site.Assembly));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string HashOf(SpecificationInfo specification) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(specification.Key)));

    private static async Task<long> UpsertProjectAsync(Statements statements, string project, CancellationToken cancellationToken)
    {
        await using DbCommand insert = statements.Create(
            "INSERT INTO projects (name) VALUES (@name) ON CONFLICT (name) DO NOTHING",
            ("@name", project));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await using DbCommand select = statements.Create("SELECT id FROM projects WHERE name = @name", ("@name", project));
        return (await Sql.ScalarInt64Async(select, cancellationToken))!.Value;
    }

    private static async Task<int> WriteRunAsync(Statements statements, long projectId, string? ciJobUrl, RunDocument document, string path, CancellationToken cancellationToken)
    {
        RunInfo run = document.Run;
        await using DbCommand upsertRun = statements.Create(
            $"""
            INSERT INTO runs (project_id, run_guid, assembly, commit_sha, branch, ci_job_url, machine, runtime, started_us, ended_us, dirty, ci_provider)
            VALUES (@project, @guid, @assembly, @commit, @branch, @ci, @machine, @runtime, @started, @ended, @dirty, @provider)
            ON CONFLICT (run_guid) DO UPDATE SET
                ended_us = {statements.Database.Greatest}(runs.ended_us, excluded.ended_us),
                ci_job_url = COALESCE(runs.ci_job_url, excluded.ci_job_url)
            RETURNING id, project_id
            """,
            ("@project", projectId),
            ("@guid", run.RunId.ToString("D")),
            ("@assembly", run.Assembly),
            ("@commit", run.Commit),
            ("@branch", run.Branch),
            // The request's ciJob names the job that delivered the runs; without it, the job each run recorded itself.
            ("@ci", ciJobUrl ?? run.CiJobUrl),
            ("@dirty", run.Dirty),
            ("@provider", run.CiProvider),
            ("@machine", run.Machine),
            ("@runtime", run.Runtime),
            ("@started", Microseconds.From(run.StartedAt)),
            ("@ended", Microseconds.From(run.EndedAt)));
        long runId;
        await using (DbDataReader reader = await upsertRun.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            runId = reader.GetInt64(0);
            if (reader.GetInt64(1) != projectId)
            {
                throw new BatchRejectedException($"{path}.run.runId", "this run was stored earlier under another project");
            }
        }

        for (int i = 0; i < document.Specifications.Count; i++)
        {
            await WriteSpecificationAsync(statements, runId, document.Specifications[i], $"{path}.specifications[{i}]", cancellationToken);
        }

        Dictionary<long, (long Id, long MethodId)> specifications = await RunSpecificationsAsync(statements, runId, cancellationToken);
        for (int i = 0; i < document.CallSites.Count; i++)
        {
            await WriteCallSiteAsync(statements, runId, document.CallSites[i], specifications, $"{path}.callSites[{i}]", cancellationToken);
        }

        foreach (TestInfo test in document.Tests)
        {
            await WriteTestAsync(statements, runId, test, cancellationToken);
        }

        Dictionary<long, long> callSites = await NumberMapAsync(statements, "SELECT number, call_site_id FROM run_call_sites WHERE run_id = @run", runId, cancellationToken);
        Dictionary<long, long> tests = await NumberMapAsync(statements, "SELECT number, id FROM tests WHERE run_id = @run", runId, cancellationToken);
        for (int i = 0; i < document.Summaries.Count; i++)
        {
            await WriteSummaryAsync(statements, runId, document.Summaries[i], callSites, tests, $"{path}.summaries[{i}]", cancellationToken);
        }

        if (document.Load is { } load)
        {
            await Load.LoadSectionWriter.WriteAsync(statements.Create, statements.Database.Provider, runId, load, tests, $"{path}.load", cancellationToken);
        }

        int stored = 0;
        for (int i = 0; i < document.Verdicts.Count; i++)
        {
            VerdictInfo verdict = document.Verdicts[i];
            string at = $"{path}.verdicts[{i}]";
            if (!specifications.TryGetValue(verdict.SpecificationId, out (long Id, long MethodId) specification))
            {
                throw new BatchRejectedException($"{at}.specificationId", $"specification {verdict.SpecificationId} is neither in the batch nor stored for this run");
            }

            if (!callSites.TryGetValue(verdict.CallSiteId, out long callSiteId))
            {
                throw new BatchRejectedException($"{at}.callSiteId", $"call site {verdict.CallSiteId} is neither in the batch nor stored for this run");
            }

            long? testId = null;
            if (verdict.TestId != 0)
            {
                if (!tests.TryGetValue(verdict.TestId, out long id))
                {
                    throw new BatchRejectedException($"{at}.testId", $"test {verdict.TestId} is neither in the batch nor stored for this run");
                }

                testId = id;
            }

            long?[] observedSites = ObservedCallSites(verdict, callSites, at);
            if (await statements.InsertVerdictAsync(runId, verdict, specification.Id, specification.MethodId, callSiteId, testId, observedSites, cancellationToken))
            {
                stored++;
            }
        }

        return stored;
    }

    /// <summary>The stored call site of each observation's event, or null for the runtime's 0 (the verdict's own call site).</summary>
    private static long?[] ObservedCallSites(VerdictInfo verdict, Dictionary<long, long> callSites, string at)
    {
        var observed = new long?[verdict.Observations.Count];
        for (int j = 0; j < observed.Length; j++)
        {
            int number = verdict.Observations[j].CallSiteId;
            if (number == 0)
            {
                continue;
            }

            if (!callSites.TryGetValue(number, out long callSiteId))
            {
                throw new BatchRejectedException($"{at}.observations[{j}].callSiteId", $"call site {number} is neither in the batch nor stored for this run");
            }

            observed[j] = callSiteId;
        }

        return observed;
    }

    private static async Task WriteSpecificationAsync(Statements statements, long runId, SpecificationInfo specification, string path, CancellationToken cancellationToken)
    {
        // The method and the specification itself were inserted with the batch's shared rows.
        string hash = HashOf(specification);
        await using DbCommand map = statements.Create(
            """
            INSERT INTO run_specifications (run_id, number, specification_id)
            SELECT @run, @number, id FROM specifications WHERE hash = @hash
            ON CONFLICT (run_id, number) DO NOTHING
            """,
            ("@run", runId),
            ("@number", (long)specification.Id),
            ("@hash", hash));
        await map.ExecuteNonQueryAsync(cancellationToken);
        await using DbCommand check = statements.Create(
            "SELECT s.hash FROM run_specifications rs JOIN specifications s ON s.id = rs.specification_id WHERE rs.run_id = @run AND rs.number = @number",
            ("@run", runId),
            ("@number", (long)specification.Id));
        if (await check.ExecuteScalarAsync(cancellationToken) is not string storedHash || storedHash != hash)
        {
            throw new BatchRejectedException($"{path}.key", $"specification {specification.Id} of this run was stored earlier with another key");
        }
    }

    private static async Task WriteCallSiteAsync(
        Statements statements,
        long runId,
        CallSiteInfo site,
        Dictionary<long, (long Id, long MethodId)> specifications,
        string path,
        CancellationToken cancellationToken)
    {
        if (!specifications.TryGetValue(site.SpecificationId, out (long Id, long MethodId) specification))
        {
            throw new BatchRejectedException($"{path}.specificationId", $"specification {site.SpecificationId} is neither in the batch nor stored for this run");
        }

        (string, object?)[] identity =
        [
            ("@specification", specification.Id),
            ("@file", site.File),
            ("@line", (long)site.Line),
            ("@col", (long)site.Column),
        ];
        await using (DbCommand insert = statements.Create(
            """
            INSERT INTO call_sites (specification_id, file, line, col, caller, assembly)
            VALUES (@specification, @file, @line, @col, @caller, @assembly)
            ON CONFLICT (specification_id, file, line, col) DO NOTHING
            """,
            [.. identity, ("@caller", site.Caller), ("@assembly", site.Assembly)]))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (DbCommand map = statements.Create(
            """
            INSERT INTO run_call_sites (run_id, number, call_site_id)
            SELECT @run, @number, id FROM call_sites
            WHERE specification_id = @specification AND file = @file AND line = @line AND col = @col
            ON CONFLICT (run_id, number) DO NOTHING
            """,
            [.. identity, ("@run", runId), ("@number", (long)site.Id)]))
        {
            await map.ExecuteNonQueryAsync(cancellationToken);
        }

        await using DbCommand check = statements.Create(
            """
            SELECT COUNT(*) FROM run_call_sites rc JOIN call_sites c ON c.id = rc.call_site_id
            WHERE rc.run_id = @run AND rc.number = @number
              AND c.specification_id = @specification AND c.file = @file AND c.line = @line AND c.col = @col
            """,
            [.. identity, ("@run", runId), ("@number", (long)site.Id)]);
        if (await Sql.ScalarInt64Async(check, cancellationToken) != 1)
        {
            throw new BatchRejectedException($"{path}.id", $"call site {site.Id} of this run was stored earlier at another place");
        }
    }

    private static async Task WriteTestAsync(Statements statements, long runId, TestInfo test, CancellationToken cancellationToken)
    {
        // A replayed older batch must not erase an outcome that a newer one already delivered.
        await using DbCommand upsert = statements.Create(
            """
            INSERT INTO tests (run_id, number, name, started_us, ended_us, outcome)
            VALUES (@run, @number, @name, @started, @ended, @outcome)
            ON CONFLICT (run_id, number) DO UPDATE SET
                ended_us = COALESCE(excluded.ended_us, tests.ended_us),
                outcome = COALESCE(excluded.outcome, tests.outcome)
            RETURNING id
            """,
            ("@run", runId),
            ("@number", (long)test.Id),
            ("@name", test.Name),
            ("@started", Microseconds.From(test.StartedAt)),
            ("@ended", Microseconds.From(test.EndedAt)),
            ("@outcome", test.Outcome));
        long testId = (await Sql.ScalarInt64Async(upsert, cancellationToken))!.Value;
        if (test.EndedAt is { } ended)
        {
            await using DbCommand measure = statements.Create(
                """
                INSERT INTO test_measurements (test_id, name, value, unit) VALUES (@test, 'wall_time', @value, 'ms')
                ON CONFLICT (test_id, name) DO NOTHING
                """,
                ("@test", testId),
                ("@value", (ended - test.StartedAt).TotalMilliseconds));
            await measure.ExecuteNonQueryAsync(cancellationToken);
        }

        // The runtime's own measurements (docs/results-format.md, "Per-test measurements"), one row each; the first
        // delivery wins, as for wall_time.
        if (test.Measurements is { } m)
        {
            await using (DbCommand exact = statements.Create(
                """
                INSERT INTO test_costs (test_id, wall_ns, cpu_ns, allocated_bytes, gen0_collections, gen1_collections, gen2_collections, peak_working_set_bytes, exclusive)
                VALUES (@test, @wall, @cpu, @allocated, @gen0, @gen1, @gen2, @peak, @exclusive)
                ON CONFLICT (test_id) DO NOTHING
                """,
                ("@test", testId),
                ("@wall", m.WallNanoseconds),
                ("@cpu", m.CpuNanoseconds),
                ("@allocated", m.AllocatedBytes),
                ("@gen0", (long)m.Gen0Collections),
                ("@gen1", (long)m.Gen1Collections),
                ("@gen2", (long)m.Gen2Collections),
                ("@peak", m.PeakWorkingSetBytes),
                ("@exclusive", m.Exclusive)))
            {
                await exact.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach ((string name, double value, string unit) in new (string, double, string)[]
            {
                ("cpu_time", m.CpuNanoseconds / 1e6, "ms"),
                ("allocated", m.AllocatedBytes, "bytes"),
                ("gen0_collections", m.Gen0Collections, "count"),
                ("gen1_collections", m.Gen1Collections, "count"),
                ("gen2_collections", m.Gen2Collections, "count"),
                ("peak_working_set", m.PeakWorkingSetBytes, "bytes"),
                ("exclusive", m.Exclusive ? 1 : 0, "flag"),
            })
            {
                await using DbCommand measure = statements.Create(
                    """
                    INSERT INTO test_measurements (test_id, name, value, unit) VALUES (@test, @name, @value, @unit)
                    ON CONFLICT (test_id, name) DO NOTHING
                    """,
                    ("@test", testId),
                    ("@name", name),
                    ("@value", value),
                    ("@unit", unit));
                await measure.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static async Task WriteSummaryAsync(
        Statements statements,
        long runId,
        CallSiteSummary summary,
        Dictionary<long, long> callSites,
        Dictionary<long, long> tests,
        string path,
        CancellationToken cancellationToken)
    {
        if (!callSites.TryGetValue(summary.CallSiteId, out long callSiteId))
        {
            throw new BatchRejectedException($"{path}.callSiteId", $"call site {summary.CallSiteId} is neither in the batch nor stored for this run");
        }

        long? testId = null;
        if (summary.TestId != 0)
        {
            if (!tests.TryGetValue(summary.TestId, out long id))
            {
                throw new BatchRejectedException($"{path}.testId", $"test {summary.TestId} is neither in the batch nor stored for this run");
            }

            testId = id;
        }

        // Summaries only grow during a run: a late replay of an older one must not replace a newer one.
        await using DbCommand upsert = statements.Create(
            """
            INSERT INTO call_site_summaries (run_id, test_number, test_id, call_site_id, calls, violations, threw, min_ns, max_ns, total_ns)
            VALUES (@run, @number, @test, @site, @calls, @violations, @threw, @min, @max, @total)
            ON CONFLICT (run_id, test_number, call_site_id) DO UPDATE SET
                calls = excluded.calls, violations = excluded.violations, threw = excluded.threw,
                min_ns = excluded.min_ns, max_ns = excluded.max_ns, total_ns = excluded.total_ns
            WHERE excluded.calls >= call_site_summaries.calls
            """,
            ("@run", runId),
            ("@number", (long)summary.TestId),
            ("@test", testId),
            ("@site", callSiteId),
            ("@calls", summary.Calls),
            ("@violations", summary.Violations),
            ("@threw", summary.Threw),
            ("@min", summary.MinNanoseconds),
            ("@max", summary.MaxNanoseconds),
            ("@total", summary.TotalNanoseconds));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Dictionary<long, (long, long)>> RunSpecificationsAsync(Statements statements, long runId, CancellationToken cancellationToken)
    {
        var map = new Dictionary<long, (long, long)>();
        await using DbCommand select = statements.Create(
            "SELECT rs.number, s.id, s.method_id FROM run_specifications rs JOIN specifications s ON s.id = rs.specification_id WHERE rs.run_id = @run",
            ("@run", runId));
        await using DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            map[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return map;
    }

    private static async Task<Dictionary<long, long>> NumberMapAsync(Statements statements, string query, long runId, CancellationToken cancellationToken)
    {
        var map = new Dictionary<long, long>();
        await using DbCommand select = statements.Create(query, ("@run", runId));
        await using DbDataReader reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            map[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return map;
    }

    /// <summary>The transaction's commands; the three that run once per verdict are built once and reused.</summary>
    private sealed class Statements(DbConnection connection, DbTransaction transaction, VerdictDatabase database) : IAsyncDisposable
    {
        private DbCommand? _insertAll;
        private DbCommand? _insertCall;
        private DbCommand? _insertVerdict;
        private DbCommand? _insertObservation;
        private bool _prepared;

        public VerdictDatabase Database => database;

        public DbCommand Create(string text, params (string Name, object? Value)[] parameters) =>
            Sql.Command(connection, transaction, text, parameters);

        /// <summary>
        /// Stores one verdict with its call and observations; false when the run already has that call.
        /// <paramref name="observedSites"/> holds the stored call site of each observation (null: the verdict's own).
        /// </summary>
        public Task<bool> InsertVerdictAsync(
            long runId, VerdictInfo verdict, long specificationId, long methodId, long callSiteId, long? testId, long?[] observedSites, CancellationToken cancellationToken) =>
            database.Provider == StoreProvider.PostgreSql
                ? InsertVerdictInOneStatementAsync(runId, verdict, specificationId, methodId, callSiteId, testId, observedSites, cancellationToken)
                : InsertVerdictStepByStepAsync(runId, verdict, specificationId, methodId, callSiteId, testId, observedSites, cancellationToken);

        // PostgreSQL is a network round trip away: one statement (data-modifying CTEs) stores the call, the verdict
        // and every observation. SQLite has no such CTEs, and in-process statements cost no round trip anyway.
        private async Task<bool> InsertVerdictInOneStatementAsync(
            long runId, VerdictInfo verdict, long specificationId, long methodId, long callSiteId, long? testId, long?[] observedSites, CancellationToken cancellationToken)
        {
            _insertAll ??= Create(
                """
                WITH c AS (
                    INSERT INTO calls (run_id, sequence, call_site_id, method_id, test_id, thread_id, started_us, duration_ns, threw)
                    VALUES (@run, @sequence, @site, @method, @test, @thread, @started, @duration, @threw)
                    ON CONFLICT (run_id, sequence) DO NOTHING
                    RETURNING id),
                v AS (
                    INSERT INTO verdicts (call_id, specification_id, method_id, value, severity, deciding_observation)
                    SELECT id, @specification, @method, @value, @severity, 0 FROM c
                    RETURNING id)
                INSERT INTO observations (verdict_id, ordinal, term, value, unit, condition, satisfied, call_site_id)
                SELECT v.id, o.ordinal - 1, o.term, o.value, o.unit, o.condition, o.satisfied, o.call_site_id
                FROM v, unnest(@terms, @values, @units, @conditions, @satisfieds, @sites)
                    WITH ORDINALITY AS o(term, value, unit, condition, satisfied, call_site_id, ordinal)
                """,
                ("@run", 0L), ("@sequence", 0L), ("@site", 0L), ("@method", 0L), ("@test", null), ("@thread", 0L), ("@started", 0L), ("@duration", 0L), ("@threw", false),
                ("@specification", 0L), ("@value", false), ("@severity", 0.0),
                ("@terms", Array.Empty<string>()), ("@values", Array.Empty<double>()), ("@units", Array.Empty<string>()), ("@conditions", Array.Empty<string>()), ("@satisfieds", Array.Empty<bool>()),
                ("@sites", Array.Empty<long?>()));
            if (_insertAll.Parameters["@test"] is NpgsqlParameter test)
            {
                // Typed, so that a null test binds to the prepared statement as well as a test ID does.
                test.DbType = DbType.Int64;
            }

            if (!_prepared)
            {
                // Prepared before its first execution (a round trip of its own): a failed execution then never
                // leaves a half-prepared statement on the pooled connection (see VerdictDatabase).
                _prepared = true;
                await _insertAll.PrepareAsync(cancellationToken);
            }

            SetCall(_insertAll, runId, verdict, methodId, callSiteId, testId);
            Sql.Set(_insertAll, "@specification", specificationId);
            Sql.Set(_insertAll, "@value", verdict.Value);
            Sql.Set(_insertAll, "@severity", verdict.Severity);
            int count = verdict.Observations.Count;
            string[] terms = new string[count], units = new string[count], conditions = new string[count];
            double[] values = new double[count];
            bool[] satisfied = new bool[count];
            for (int i = 0; i < count; i++)
            {
                ObservationInfo observation = verdict.Observations[i];
                (terms[i], values[i], units[i], conditions[i], satisfied[i]) = (observation.Term, observation.Value, observation.Unit, observation.Condition, observation.Satisfied);
            }

            Sql.Set(_insertAll, "@terms", terms);
            Sql.Set(_insertAll, "@values", values);
            Sql.Set(_insertAll, "@units", units);
            Sql.Set(_insertAll, "@conditions", conditions);
            Sql.Set(_insertAll, "@satisfieds", satisfied);
            Sql.Set(_insertAll, "@sites", observedSites);
            return await Sql.NonQueryAsync(_insertAll, cancellationToken) > 0;
        }

        private async Task<bool> InsertVerdictStepByStepAsync(
            long runId, VerdictInfo verdict, long specificationId, long methodId, long callSiteId, long? testId, long?[] observedSites, CancellationToken cancellationToken)
        {
            _insertCall ??= Create(
                """
                INSERT INTO calls (run_id, sequence, call_site_id, method_id, test_id, thread_id, started_us, duration_ns, threw)
                VALUES (@run, @sequence, @site, @method, @test, @thread, @started, @duration, @threw)
                ON CONFLICT (run_id, sequence) DO NOTHING
                RETURNING id
                """,
                ("@run", 0L), ("@sequence", 0L), ("@site", 0L), ("@method", 0L), ("@test", null), ("@thread", 0L), ("@started", 0L), ("@duration", 0L), ("@threw", false));
            SetCall(_insertCall, runId, verdict, methodId, callSiteId, testId);
            if (await Sql.ScalarInt64Async(_insertCall, cancellationToken) is not { } callId)
            {
                return false;
            }

            _insertVerdict ??= Create(
                """
                INSERT INTO verdicts (call_id, specification_id, method_id, value, severity, deciding_observation)
                VALUES (@call, @specification, @method, @value, @severity, 0)
                RETURNING id
                """,
                ("@call", 0L), ("@specification", 0L), ("@method", 0L), ("@value", false), ("@severity", 0.0));
            Sql.Set(_insertVerdict, "@call", callId);
            Sql.Set(_insertVerdict, "@specification", specificationId);
            Sql.Set(_insertVerdict, "@method", methodId);
            Sql.Set(_insertVerdict, "@value", verdict.Value);
            Sql.Set(_insertVerdict, "@severity", Sql.SqliteReal(verdict.Severity));
            long verdictId = (await Sql.ScalarInt64Async(_insertVerdict, cancellationToken))!.Value;

            _insertObservation ??= Create(
                """
                INSERT INTO observations (verdict_id, ordinal, term, value, unit, condition, satisfied, call_site_id)
                VALUES (@verdict, @ordinal, @term, @value, @unit, @condition, @satisfied, @site)
                """,
                ("@verdict", 0L), ("@ordinal", 0L), ("@term", ""), ("@value", 0.0), ("@unit", ""), ("@condition", ""), ("@satisfied", false), ("@site", null));
            for (int i = 0; i < verdict.Observations.Count; i++)
            {
                ObservationInfo observation = verdict.Observations[i];
                Sql.Set(_insertObservation, "@verdict", verdictId);
                Sql.Set(_insertObservation, "@ordinal", (long)i);
                Sql.Set(_insertObservation, "@term", observation.Term);
                Sql.Set(_insertObservation, "@value", Sql.SqliteReal(observation.Value));
                Sql.Set(_insertObservation, "@unit", observation.Unit);
                Sql.Set(_insertObservation, "@condition", observation.Condition);
                Sql.Set(_insertObservation, "@satisfied", observation.Satisfied);
                Sql.Set(_insertObservation, "@site", observedSites[i]);
                await Sql.NonQueryAsync(_insertObservation, cancellationToken);
            }

            return true;
        }

        private static void SetCall(DbCommand command, long runId, VerdictInfo verdict, long methodId, long callSiteId, long? testId)
        {
            Sql.Set(command, "@run", runId);
            Sql.Set(command, "@sequence", verdict.Sequence);
            Sql.Set(command, "@site", callSiteId);
            Sql.Set(command, "@method", methodId);
            Sql.Set(command, "@test", testId);
            Sql.Set(command, "@thread", (long)verdict.ThreadId);
            Sql.Set(command, "@started", Microseconds.From(verdict.StartedAt));
            Sql.Set(command, "@duration", verdict.DurationNanoseconds);
            Sql.Set(command, "@threw", verdict.Threw);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (DbCommand? command in (DbCommand?[])[_insertAll, _insertCall, _insertVerdict, _insertObservation])
            {
                if (command is not null)
                {
                    await command.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Orders call-site keys ordinally, the same on every server and in every culture.</summary>
    private sealed class CallSiteKeyComparer : IComparer<(string Hash, string File, int Line, int Column)>
    {
        public static readonly CallSiteKeyComparer Instance = new();

        public int Compare((string Hash, string File, int Line, int Column) x, (string Hash, string File, int Line, int Column) y)
        {
            int order = string.CompareOrdinal(x.Hash, y.Hash);
            order = order != 0 ? order : string.CompareOrdinal(x.File, y.File);
            order = order != 0 ? order : x.Line.CompareTo(y.Line);
            return order != 0 ? order : x.Column.CompareTo(y.Column);
        }
    }
}

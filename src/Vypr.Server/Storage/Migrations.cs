using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Vypr.Server.Storage;

/// <summary>
/// The store's schema, as an ordered list of versioned migrations applied at start. A migration is never edited
/// once released: a change to the schema is a new entry at the end. <c>{id}</c> stands for the engine's surrogate
/// key column; everything else is SQL that SQLite and PostgreSQL both accept.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<string> All { get; } =
    [
        """
        CREATE TABLE projects (
            id {id},
            name TEXT NOT NULL UNIQUE);
        CREATE TABLE runs (
            id {id},
            project_id BIGINT NOT NULL REFERENCES projects (id),
            run_guid TEXT NOT NULL UNIQUE,
            assembly TEXT NOT NULL,
            commit_sha TEXT,
            branch TEXT,
            ci_job_url TEXT,
            machine TEXT NOT NULL,
            runtime TEXT NOT NULL,
            started_us BIGINT NOT NULL,
            ended_us BIGINT NOT NULL);
        CREATE INDEX runs_by_project ON runs (project_id, id);
        CREATE TABLE methods (
            id {id},
            name TEXT NOT NULL UNIQUE);
        CREATE TABLE specifications (
            id {id},
            hash TEXT NOT NULL UNIQUE,
            spec_key TEXT NOT NULL,
            method_id BIGINT NOT NULL REFERENCES methods (id),
            text TEXT NOT NULL,
            bound_ns BIGINT NOT NULL,
            version BIGINT NOT NULL);
        CREATE INDEX specifications_by_method ON specifications (method_id, id);
        CREATE TABLE run_specifications (
            run_id BIGINT NOT NULL REFERENCES runs (id),
            number BIGINT NOT NULL,
            specification_id BIGINT NOT NULL REFERENCES specifications (id),
            PRIMARY KEY (run_id, number));
        CREATE TABLE call_sites (
            id {id},
            specification_id BIGINT NOT NULL REFERENCES specifications (id),
            file TEXT NOT NULL,
            line BIGINT NOT NULL,
            col BIGINT NOT NULL,
            caller TEXT NOT NULL,
            assembly TEXT NOT NULL,
            UNIQUE (specification_id, file, line, col));
        CREATE TABLE run_call_sites (
            run_id BIGINT NOT NULL REFERENCES runs (id),
            number BIGINT NOT NULL,
            call_site_id BIGINT NOT NULL REFERENCES call_sites (id),
            PRIMARY KEY (run_id, number));
        CREATE TABLE tests (
            id {id},
            run_id BIGINT NOT NULL REFERENCES runs (id),
            number BIGINT NOT NULL,
            name TEXT NOT NULL,
            started_us BIGINT NOT NULL,
            ended_us BIGINT,
            outcome TEXT,
            input TEXT,
            UNIQUE (run_id, number));
        CREATE TABLE test_measurements (
            test_id BIGINT NOT NULL REFERENCES tests (id),
            name TEXT NOT NULL,
            value DOUBLE PRECISION NOT NULL,
            unit TEXT NOT NULL,
            PRIMARY KEY (test_id, name));
        CREATE TABLE calls (
            id {id},
            run_id BIGINT NOT NULL REFERENCES runs (id),
            sequence BIGINT NOT NULL,
            call_site_id BIGINT NOT NULL REFERENCES call_sites (id),
            method_id BIGINT NOT NULL REFERENCES methods (id),
            test_id BIGINT REFERENCES tests (id),
            thread_id BIGINT NOT NULL,
            started_us BIGINT NOT NULL,
            duration_ns BIGINT NOT NULL,
            threw BOOLEAN NOT NULL,
            UNIQUE (run_id, sequence));
        CREATE INDEX calls_by_test ON calls (test_id, id);
        CREATE TABLE verdicts (
            id {id},
            call_id BIGINT NOT NULL REFERENCES calls (id),
            specification_id BIGINT NOT NULL REFERENCES specifications (id),
            method_id BIGINT NOT NULL REFERENCES methods (id),
            value BOOLEAN NOT NULL,
            severity DOUBLE PRECISION NOT NULL,
            deciding_observation BIGINT NOT NULL,
            UNIQUE (call_id, specification_id));
        CREATE INDEX verdicts_by_method_value ON verdicts (method_id, value, call_id);
        CREATE INDEX verdicts_by_method ON verdicts (method_id, call_id);
        CREATE TABLE observations (
            verdict_id BIGINT NOT NULL REFERENCES verdicts (id),
            ordinal BIGINT NOT NULL,
            term TEXT NOT NULL,
            value DOUBLE PRECISION NOT NULL,
            unit TEXT NOT NULL,
            condition TEXT NOT NULL,
            satisfied BOOLEAN NOT NULL,
            PRIMARY KEY (verdict_id, ordinal));
        CREATE TABLE api_tokens (
            id {id},
            name TEXT NOT NULL UNIQUE,
            token_hash TEXT NOT NULL UNIQUE,
            created_us BIGINT NOT NULL,
            revoked_us BIGINT);
        """,
        """
        CREATE TABLE call_site_summaries (
            run_id BIGINT NOT NULL REFERENCES runs (id),
            test_number BIGINT NOT NULL,
            test_id BIGINT REFERENCES tests (id),
            call_site_id BIGINT NOT NULL REFERENCES call_sites (id),
            calls BIGINT NOT NULL,
            violations BIGINT NOT NULL,
            threw BIGINT NOT NULL,
            min_ns BIGINT NOT NULL,
            max_ns BIGINT NOT NULL,
            total_ns BIGINT NOT NULL,
            PRIMARY KEY (run_id, test_number, call_site_id));
        """,
        // The call site of the event an observation read. NULL means the verdict's own call site: what the
        // runtime's 0 says, and what every observation stored before this column existed gets.
        """
        ALTER TABLE observations ADD COLUMN call_site_id BIGINT REFERENCES call_sites (id);
        """,
        // The project a token may write; NULL for tokens created before tokens had projects, and for tokens
        // created without one, which may write any project (as every token could before).
        """
        ALTER TABLE api_tokens ADD COLUMN project TEXT;
        """,
        // The load section of a run (vypr load): one row per run, one per test entry, and the entry's distributions
        // (ordinal 0 latency, 1 service, 2 start delay, 3 scheduling error when present, then the metrics), errors and
        // thresholds in the order the document lists them. Doubles follow Sql.SqliteReal on SQLite.
        """
        CREATE TABLE load_runs (
            run_id BIGINT PRIMARY KEY REFERENCES runs (id),
            plan TEXT NOT NULL,
            duration_s DOUBLE PRECISION NOT NULL,
            planned_s DOUBLE PRECISION NOT NULL,
            interrupted BOOLEAN NOT NULL,
            load_average DOUBLE PRECISION);
        CREATE TABLE load_tests (
            id {id},
            run_id BIGINT NOT NULL REFERENCES runs (id),
            ordinal BIGINT NOT NULL,
            test_number BIGINT NOT NULL,
            test_id BIGINT NOT NULL REFERENCES tests (id),
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            model TEXT NOT NULL,
            concurrency BIGINT,
            target_rate DOUBLE PRECISION,
            intended BIGINT NOT NULL,
            fired BIGINT NOT NULL,
            started BIGINT NOT NULL,
            succeeded BIGINT NOT NULL,
            failed BIGINT NOT NULL,
            dropped BIGINT NOT NULL,
            late BIGINT NOT NULL,
            achieved_rate DOUBLE PRECISION NOT NULL,
            accuracy DOUBLE PRECISION NOT NULL,
            monitored_violations BIGINT NOT NULL,
            UNIQUE (run_id, ordinal));
        CREATE TABLE load_distributions (
            load_test_id BIGINT NOT NULL REFERENCES load_tests (id),
            ordinal BIGINT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT,
            unit TEXT NOT NULL,
            value_count BIGINT NOT NULL,
            min_value DOUBLE PRECISION NOT NULL,
            mean_value DOUBLE PRECISION NOT NULL,
            p50 DOUBLE PRECISION NOT NULL,
            p75 DOUBLE PRECISION NOT NULL,
            p90 DOUBLE PRECISION NOT NULL,
            p95 DOUBLE PRECISION NOT NULL,
            p99 DOUBLE PRECISION NOT NULL,
            p999 DOUBLE PRECISION NOT NULL,
            max_value DOUBLE PRECISION NOT NULL,
            invalid BIGINT NOT NULL,
            PRIMARY KEY (load_test_id, ordinal));
        CREATE TABLE load_errors (
            load_test_id BIGINT NOT NULL REFERENCES load_tests (id),
            ordinal BIGINT NOT NULL,
            type TEXT NOT NULL,
            error_count BIGINT NOT NULL,
            first_message TEXT NOT NULL,
            PRIMARY KEY (load_test_id, ordinal));
        CREATE TABLE load_thresholds (
            load_test_id BIGINT NOT NULL REFERENCES load_tests (id),
            ordinal BIGINT NOT NULL,
            expression TEXT NOT NULL,
            passed BOOLEAN NOT NULL,
            actual DOUBLE PRECISION NOT NULL,
            actual_text TEXT NOT NULL,
            PRIMARY KEY (load_test_id, ordinal));
        """,
        // Run metadata beyond commit and branch (docs/results-format.md, "Run metadata"): whether the working tree
        // was dirty and which CI system ran it; NULL when unknown, and for every run stored before. The CI job's link
        // already had a column (ci_job_url), filled from the ingest query and now from the run itself too.
        """
        ALTER TABLE runs ADD COLUMN dirty BOOLEAN;
        ALTER TABLE runs ADD COLUMN ci_provider TEXT;
        """,
        // A test's measurements exactly as the results file gave them (docs/results-format.md, "Per-test
        // measurements"), integers in their own units, for the read API: test_measurements keeps them as doubles in
        // ms, which cannot give back a count of bytes above 2^53. No row for tests stored before, or without them.
        """
        CREATE TABLE test_costs (
            test_id BIGINT PRIMARY KEY REFERENCES tests (id),
            wall_ns BIGINT NOT NULL,
            cpu_ns BIGINT NOT NULL,
            allocated_bytes BIGINT NOT NULL,
            gen0_collections BIGINT NOT NULL,
            gen1_collections BIGINT NOT NULL,
            gen2_collections BIGINT NOT NULL,
            peak_working_set_bytes BIGINT NOT NULL,
            exclusive BOOLEAN NOT NULL);
        """,
    ];

    /// <summary>Brings the store to the newest schema version; returns the version it is at.</summary>
    public static async Task<int> ApplyAsync(VerdictDatabase database, CancellationToken cancellationToken)
    {
        using IDisposable writer = await database.EnterWriteAsync(cancellationToken);
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using (DbCommand create = Sql.Command(
            connection,
            null,
            "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied_us BIGINT NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        int current = await CurrentVersionAsync(connection, null, cancellationToken);
        if (current > All.Count)
        {
            throw new InvalidOperationException(
                $"the store is at schema version {current}, newer than this server's {All.Count}: upgrade the server");
        }

        for (int version = current + 1; version <= All.Count; version++)
        {
            await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Two servers starting on one PostgreSQL database: the loser of this race re-reads and finds the work done.
            if (database.Provider == StoreProvider.PostgreSql)
            {
                await using DbCommand lockTable = Sql.Command(connection, transaction, "LOCK TABLE schema_version IN EXCLUSIVE MODE");
                await lockTable.ExecuteNonQueryAsync(cancellationToken);
                if (await CurrentVersionAsync(connection, transaction, cancellationToken) >= version)
                {
                    await transaction.CommitAsync(cancellationToken);
                    continue;
                }
            }

            await using (DbCommand migrate = Sql.Command(connection, transaction, All[version - 1].Replace("{id}", database.IdentityColumn, StringComparison.Ordinal)))
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (DbCommand record = Sql.Command(
                connection,
                transaction,
                "INSERT INTO schema_version (version, applied_us) VALUES (@version, @applied)",
                ("@version", (long)version),
                ("@applied", Microseconds.From(DateTimeOffset.UtcNow))))
            {
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return All.Count;
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using DbCommand read = Sql.Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
        return (int)(await Sql.ScalarInt64Async(read, cancellationToken) ?? 0);
    }
}

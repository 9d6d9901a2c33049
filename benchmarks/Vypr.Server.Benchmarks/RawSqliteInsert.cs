using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Vypr.Contracts;
using Vypr.Server.Ingest;
using Vypr.Server.Storage;

namespace Vypr.Server.Benchmarks;

/// <summary>
/// The floor the server is measured against: the same call, verdict and observation rows, written by prepared
/// statements on one SQLite connection, one transaction per batch, with the store's pragmas. No HTTP, no JSON,
/// no validation.
/// </summary>
internal static class RawSqliteInsert
{
    public static async Task<TimeSpan> RunAsync(string path, Workload workload, long verdicts, int batchSize)
    {
        StoreLocation location = StoreLocation.Sqlite(path);
        (long runId, long[] specifications, long[] methods, long[] sites, long[] tests) = await PrepareAsync(location, workload);

        using var connection = new SqliteConnection(location.ConnectionString);
        connection.Open();
        using (SqliteCommand pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
            pragmas.ExecuteNonQuery();
        }

        using SqliteCommand call = connection.CreateCommand();
        call.CommandText = """
            INSERT INTO calls (run_id, sequence, call_site_id, method_id, test_id, thread_id, started_us, duration_ns, threw)
            VALUES (@run, @sequence, @site, @method, @test, @thread, @started, @duration, @threw)
            ON CONFLICT (run_id, sequence) DO NOTHING RETURNING id
            """;
        SqliteParameter[] c = Parameters(call, "@run", "@sequence", "@site", "@method", "@test", "@thread", "@started", "@duration", "@threw");
        using SqliteCommand verdict = connection.CreateCommand();
        verdict.CommandText = """
            INSERT INTO verdicts (call_id, specification_id, method_id, value, severity, deciding_observation)
            VALUES (@call, @specification, @method, @value, @severity, 0) RETURNING id
            """;
        SqliteParameter[] v = Parameters(verdict, "@call", "@specification", "@method", "@value", "@severity");
        using SqliteCommand observation = connection.CreateCommand();
        observation.CommandText = """
            INSERT INTO observations (verdict_id, ordinal, term, value, unit, condition, satisfied)
            VALUES (@verdict, @ordinal, @term, @value, @unit, @condition, @satisfied)
            """;
        SqliteParameter[] o = Parameters(observation, "@verdict", "@ordinal", "@term", "@value", "@unit", "@condition", "@satisfied");

        var clock = Stopwatch.StartNew();
        for (long first = 1; first <= verdicts; first += batchSize)
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            call.Transaction = verdict.Transaction = observation.Transaction = transaction;
            long last = Math.Min(verdicts, first + batchSize - 1);
            for (long sequence = first; sequence <= last; sequence++)
            {
                VerdictInfo info = Workload.Verdict(sequence);
                int s = info.SpecificationId - 1;
                c[0].Value = runId;
                c[1].Value = info.Sequence;
                c[2].Value = sites[info.CallSiteId - 1];
                c[3].Value = methods[s];
                c[4].Value = tests[info.TestId - 1];
                c[5].Value = (long)info.ThreadId;
                c[6].Value = Microseconds.From(info.StartedAt);
                c[7].Value = info.DurationNanoseconds;
                c[8].Value = info.Threw;
                long callId = (long)call.ExecuteScalar()!;
                v[0].Value = callId;
                v[1].Value = specifications[s];
                v[2].Value = methods[s];
                v[3].Value = info.Value;
                v[4].Value = info.Severity;
                long verdictId = (long)verdict.ExecuteScalar()!;
                ObservationInfo seen = info.Observations[0];
                o[0].Value = verdictId;
                o[1].Value = 0L;
                o[2].Value = seen.Term;
                o[3].Value = seen.Value;
                o[4].Value = seen.Unit;
                o[5].Value = seen.Condition;
                o[6].Value = seen.Satisfied;
                observation.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return clock.Elapsed;
    }

    /// <summary>Stores the run's specifications, call sites and tests the way the server does, and returns their IDs.</summary>
    private static async Task<(long, long[], long[], long[], long[])> PrepareAsync(StoreLocation location, Workload workload)
    {
        await using var database = new VerdictDatabase(location);
        await Migrations.ApplyAsync(database, CancellationToken.None);
        await new IngestWriter(database).WriteAsync([(workload.Document([]), "$")], new IngestSource("bench", null), CancellationToken.None);

        using var connection = new SqliteConnection(location.ConnectionString);
        connection.Open();
        long run = Scalar(connection, "SELECT id FROM runs");
        var specifications = new List<long>();
        var methods = new List<long>();
        foreach (SpecificationInfo specification in workload.Specifications)
        {
            specifications.Add(Scalar(connection, "SELECT specification_id FROM run_specifications WHERE number = @n", (long)specification.Id));
            methods.Add(Scalar(connection, "SELECT method_id FROM specifications WHERE id = @n", specifications[^1]));
        }

        var sites = new List<long>();
        foreach (CallSiteInfo site in workload.CallSites)
        {
            sites.Add(Scalar(connection, "SELECT call_site_id FROM run_call_sites WHERE number = @n", (long)site.Id));
        }

        var tests = new List<long>();
        foreach (TestInfo test in workload.AllTests)
        {
            tests.Add(Scalar(connection, "SELECT id FROM tests WHERE number = @n", (long)test.Id));
        }

        return (run, specifications.ToArray(), methods.ToArray(), sites.ToArray(), tests.ToArray());
    }

    private static long Scalar(SqliteConnection connection, string sql, long? n = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        if (n is { } value)
        {
            command.Parameters.AddWithValue("@n", value);
        }

        return (long)command.ExecuteScalar()!;
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names)
    {
        var parameters = new SqliteParameter[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter { ParameterName = names[i] });
        }

        command.Prepare();
        return parameters;
    }
}

using System.Data.Common;
using System.Threading.Tasks;
using Vypr.Server.Storage;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests;

/// <summary>The schema is versioned and applied at start, the same way on both engines.</summary>
public sealed class MigrationTests
{
    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Migrations_are_recorded_once_and_applying_them_again_changes_nothing(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using var database = new VerdictDatabase(store.Location);

        int first = await Migrations.ApplyAsync(database, TestContext.Current.CancellationToken);
        int second = await Migrations.ApplyAsync(database, TestContext.Current.CancellationToken);

        Assert.Equal((Migrations.All.Count, Migrations.All.Count), (first, second));
        Assert.Equal(Migrations.All.Count, await ScalarAsync(database, "SELECT COUNT(*) FROM schema_version"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_store_from_a_newer_server_is_refused(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using var database = new VerdictDatabase(store.Location);
        await Migrations.ApplyAsync(database, TestContext.Current.CancellationToken);
        await ScalarAsync(database, "INSERT INTO schema_version (version, applied_us) VALUES (999, 0)");

        var error = await Assert.ThrowsAsync<System.InvalidOperationException>(() => Migrations.ApplyAsync(database, TestContext.Current.CancellationToken));

        Assert.Contains("schema version 999", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Observations_stored_before_version_3_read_back_without_a_call_site(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using (var database = new VerdictDatabase(store.Location))
        {
            // The store as a version-2 server left it, with one verdict and its observation.
            await ScalarAsync(database, "CREATE TABLE schema_version (version BIGINT PRIMARY KEY, applied_us BIGINT NOT NULL)");
            for (int version = 1; version <= 2; version++)
            {
                await ScalarAsync(database, Migrations.All[version - 1].Replace("{id}", database.IdentityColumn, System.StringComparison.Ordinal));
                await ScalarAsync(database, $"INSERT INTO schema_version (version, applied_us) VALUES ({version}, 0)");
            }

            await ScalarAsync(
                database,
                """
                INSERT INTO projects (name) VALUES ('old');
                INSERT INTO runs (project_id, run_guid, assembly, machine, runtime, started_us, ended_us)
                VALUES (1, '5b0f2d3e-8a41-4c55-9d3e-0a1b2c3d4e5f', 'Old.Tests', 'm', 'r', 0, 0);
                INSERT INTO methods (name) VALUES ('Old.Method()');
                INSERT INTO specifications (hash, spec_key, method_id, text, bound_ns, version) VALUES ('h', 'k', 1, 'MaxDuration("5ns")', 5, 1);
                INSERT INTO call_sites (specification_id, file, line, col, caller, assembly) VALUES (1, '/src/Old.cs', 3, 4, 'Old.Caller()', 'Old');
                INSERT INTO calls (run_id, sequence, call_site_id, method_id, test_id, thread_id, started_us, duration_ns, threw)
                VALUES (1, 1, 1, 1, NULL, 1, 0, 10, FALSE);
                INSERT INTO verdicts (call_id, specification_id, method_id, value, severity, deciding_observation) VALUES (1, 1, 1, FALSE, -5, 0);
                INSERT INTO observations (verdict_id, ordinal, term, value, unit, condition, satisfied) VALUES (1, 0, 'duration', 10, 'ns', '<= 5ns', FALSE);
                """);

            Assert.Equal(Migrations.All.Count, await Migrations.ApplyAsync(database, TestContext.Current.CancellationToken));
            Assert.Equal(1, await ScalarAsync(database, "SELECT COUNT(*) FROM observations WHERE call_site_id IS NULL"));
        }

        await using RunningServer server = await RunningServer.StartAsync(store);
        Vypr.Contracts.Reads.CallDetail call = await Http.GetAsync<Vypr.Contracts.Reads.CallDetail>(server.Anonymous, "api/v1/calls/1");
        Vypr.Contracts.Reads.ObservationItem observation = Assert.Single(Assert.Single(call.Verdicts).Observations);
        Assert.Equal(("duration", 10.0, null, null), (observation.Term, observation.Value, observation.CallSiteId, observation.CallSite));
        Assert.Equal("/src/Old.cs", call.CallSite.File);
    }

    private static async Task<long> ScalarAsync(VerdictDatabase database, string sql)
    {
        await using DbConnection connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using DbCommand command = Sql.Command(connection, null, sql);
        return await Sql.ScalarInt64Async(command, TestContext.Current.CancellationToken) ?? 0;
    }
}

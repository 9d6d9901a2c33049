using System.Data.Common;
using System.Threading.Tasks;
using Vypr.Server.Storage;
using Vypr.Server.Tests.Harness;
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

    private static async Task<long> ScalarAsync(VerdictDatabase database, string sql)
    {
        await using DbConnection connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using DbCommand command = Sql.Command(connection, null, sql);
        return await Sql.ScalarInt64Async(command, TestContext.Current.CancellationToken) ?? 0;
    }
}

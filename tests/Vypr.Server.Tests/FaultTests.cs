using System;
using System.Data.Common;
using System.IO;
using System.Threading.Tasks;
using Vypr.Runtime.Shipping;
using Vypr.Server.Storage;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests;

/// <summary>A run keeps shipping while the server process is killed and started again; nothing is lost or doubled.</summary>
public sealed class FaultTests
{
    private const int Chunks = 40;
    private const int ChunkSize = 100;

    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Verdicts_shipped_across_a_server_kill_and_restart_are_all_stored_exactly_once(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        (int exit, string token, string error) = await ServerProcess.RunAsync($"tokens create --name ci {store.ServerArguments}");
        Assert.True(exit == 0, error);
        using var server = new ServerProcess(store.ServerArguments, Ports.Free());
        await server.StartAsync();

        var source = new FakeRunSource(Guid.NewGuid());
        string spool = Path.Combine(store.Directory, "spool");
        var options = new ShippingOptions(server.BaseAddress, spool)
        {
            Token = token.Trim(),
            BatchSize = 150,
            FlushInterval = TimeSpan.FromMilliseconds(20),
            RequestTimeout = TimeSpan.FromSeconds(5),
            MaxAttempts = 3,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        };
        await using var shipper = new VerdictShipper(options, source);

        for (int chunk = 0; chunk < Chunks; chunk++)
        {
            shipper.Publish(FakeRunSource.Verdicts((chunk * ChunkSize) + 1, ChunkSize));
            await Task.Delay(10, TestContext.Current.CancellationToken);
            if (chunk == 10)
            {
                server.Kill();
            }

            if (chunk == 25)
            {
                // Restart only once the shipper has had to spool: the outage must really have been felt.
                await WaitForSpoolAsync(spool);
                await server.StartAsync();
            }
        }

        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(60));

        // The outage was felt (the shipper spooled, see above); spooled batches delivered within the run count as shipped.
        Assert.Equal((Chunks * ChunkSize, 0L, 0L), (report.Shipped, report.Spooled, report.Lost));
        Assert.Equal(0, report.PendingBatches);
        Assert.Equal(0, report.Rejected);
        (long calls, long distinct, long verdicts, long observations) = await CountAsync(store, source.RunId);
        Assert.Equal((Chunks * ChunkSize, Chunks * ChunkSize, Chunks * ChunkSize, Chunks * ChunkSize), (calls, distinct, verdicts, observations));
    }

    private static async Task WaitForSpoolAsync(string spool)
    {
        for (int attempt = 0; attempt < 1500; attempt++)
        {
            if (Directory.Exists(spool) && Directory.GetFiles(spool, "*.json.gz").Length > 0)
            {
                return;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Fail("the shipper never spooled while the server was down");
    }

    private static async Task<(long, long, long, long)> CountAsync(TestStore store, Guid runId)
    {
        await using var database = new VerdictDatabase(store.Location);
        await using DbConnection connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using DbCommand count = Sql.Command(
            connection,
            null,
            """
            SELECT COUNT(*), COUNT(DISTINCT c.sequence), COUNT(v.id), (SELECT COUNT(*) FROM observations)
            FROM calls c JOIN runs r ON r.id = c.run_id LEFT JOIN verdicts v ON v.call_id = c.id
            WHERE r.run_guid = @run
            """,
            ("@run", runId.ToString("D")));
        await using DbDataReader reader = await count.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}

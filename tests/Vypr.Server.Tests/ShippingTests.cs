using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Vypr.Runtime.Shipping;
using Vypr.Contracts.Reads;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests;

/// <summary>The runtime's shipper against a real server: delivered, spooled and replayed, or set aside when refused.</summary>
public sealed class ShippingTests
{
    [Fact]
    public async Task Every_verdict_and_the_tests_outcomes_reach_a_server_that_is_up()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        var source = new FakeRunSource(Guid.NewGuid());
        await using var shipper = new VerdictShipper(Options(server.BaseAddress, store, server.Token), source);

        for (int chunk = 0; chunk < 30; chunk++)
        {
            shipper.Publish(FakeRunSource.Verdicts((chunk * 100) + 1, 100));
        }

        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((3000L, 0L, 0L, 0), (report.Shipped, report.Spooled, report.Rejected, report.PendingBatches));
        Assert.Equal(3000, await StoreCounts.CountAsync(store, "verdicts"));
        Page<TestItem> tests = await Http.GetAsync<Page<TestItem>>(server.Anonymous, $"api/v1/runs/{source.RunId}/tests");
        Assert.Equal(["Passed", "Passed"], tests.Items.Select(t => t.Outcome));
        Page<SummaryItem> summaries = await Http.GetAsync<Page<SummaryItem>>(server.Anonymous, $"api/v1/runs/{source.RunId}/summaries");
        SummaryItem summary = Assert.Single(summaries.Items);
        Assert.Equal((5000L, 3L, 1L, 400_000.0), (summary.Calls, summary.Violations, summary.Threw, summary.MeanNanoseconds));
    }

    [Fact]
    public async Task Verdicts_spooled_while_the_server_is_down_are_delivered_by_the_next_run()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        int port = Ports.Free();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var firstRun = new FakeRunSource(Guid.NewGuid());
        ShippingReport first;
        await using (var shipper = new VerdictShipper(Options(address, store, token: null), firstRun))
        {
            shipper.Publish(FakeRunSource.Verdicts(1, 100));
            first = await shipper.FlushAsync(TimeSpan.FromSeconds(60));
        }

        await using RunningServer server = await RunningServer.StartAsync(store, port: port);
        var secondRun = new FakeRunSource(Guid.NewGuid());
        ShippingReport second;
        await using (var shipper = new VerdictShipper(Options(address, store, server.Token), secondRun))
        {
            shipper.Publish(FakeRunSource.Verdicts(1, 10));
            second = await shipper.FlushAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal((0L, 100L), (first.Shipped, first.Spooled));
        Assert.True(first.PendingBatches > 0, first.ToString());
        Assert.Equal(first.PendingBatches, second.ReplayedBatches);
        Assert.Equal(0, second.PendingBatches);
        Assert.Equal(110, await StoreCounts.CountAsync(store, "verdicts"));
        Assert.Equal(2, await StoreCounts.CountAsync(store, "runs"));
    }

    [Fact]
    public async Task A_batch_the_server_refuses_is_set_aside_with_the_servers_answer()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        var source = new FakeRunSource(Guid.NewGuid());
        ShippingOptions options = Options(server.BaseAddress, store, server.Token);
        await using var shipper = new VerdictShipper(options, source);

        // A call site the run never registered: the batch cannot name it, and the server refuses it.
        shipper.Publish([Documents.Verdict(1) with { CallSiteId = 99 }]);
        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((0L, 1L, 0), (report.Shipped, report.Rejected, report.PendingBatches));
        string rejected = Path.Combine(options.SpoolDirectory, "rejected");
        string problem = await File.ReadAllTextAsync(Directory.GetFiles(rejected, "*.problem.json").Single(), TestContext.Current.CancellationToken);
        Assert.Contains("callSiteId", problem, StringComparison.Ordinal);
        Assert.Equal(0, await StoreCounts.CountAsync(store, "verdicts"));
    }

    [Fact]
    public async Task Batches_refused_for_a_bad_token_are_kept_for_a_run_with_the_right_one()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        var source = new FakeRunSource(Guid.NewGuid());
        ShippingReport refused;
        await using (var shipper = new VerdictShipper(Options(server.BaseAddress, store, "vypr_wrong"), source))
        {
            shipper.Publish(FakeRunSource.Verdicts(1, 50));
            refused = await shipper.FlushAsync(TimeSpan.FromSeconds(60));
        }

        ShippingReport fixedToken;
        await using (var shipper = new VerdictShipper(Options(server.BaseAddress, store, server.Token), new FakeRunSource(Guid.NewGuid())))
        {
            fixedToken = await shipper.FlushAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal((0L, 50L, 0L), (refused.Shipped, refused.Spooled, refused.Rejected));
        Assert.Equal(0, fixedToken.PendingBatches);
        Assert.Equal(50, await StoreCounts.CountAsync(store, "verdicts"));
    }

    [Fact]
    public async Task A_server_that_never_answers_gets_the_verdicts_spooled_when_the_flush_time_is_up()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        // Accepts connections and reads nothing, answers nothing: a server hung mid-request.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
        ShippingOptions options = Options(address, store, "vypr_any") with { RequestTimeout = TimeSpan.FromMinutes(5) };

        ShippingReport report;
        await using (var shipper = new VerdictShipper(options, new FakeRunSource(Guid.NewGuid())))
        {
            shipper.Publish(FakeRunSource.Verdicts(1, 1200));
            report = await shipper.FlushAsync(TimeSpan.FromSeconds(1));
        }

        Assert.Equal((0L, 1200L, 0L), (report.Shipped, report.Spooled, report.Rejected));
        Assert.True(report.PendingBatches >= 3, report.ToString());
    }

    private static ShippingOptions Options(Uri server, TestStore store, string? token) => new(server, Path.Combine(store.Directory, "spool"))
    {
        Token = token,
        BatchSize = 500,
        FlushInterval = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(5),
        MaxAttempts = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
    };
}

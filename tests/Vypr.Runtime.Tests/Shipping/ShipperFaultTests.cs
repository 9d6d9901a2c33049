using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime.Runs;
using Vypr.Runtime.Shipping;
using Vypr.Runtime.Tests.Results;
using Xunit;

namespace Vypr.Runtime.Tests.Shipping;

/// <summary>
/// The shipper against every way its disk and its server can fail (issue 8, defects 4, 5 and 6): a real HTTP server on
/// loopback that stops, answers late or with errors, a spool that cannot be written or is full or is shared between
/// projects. In every case nothing is lost without the report saying so (and the run failing), and nothing is stored
/// twice or under the wrong run or project.
/// </summary>
public sealed class ShipperFaultTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vypr-shipper-faults-" + Guid.NewGuid().ToString("N"));

    public ShipperFaultTests()
    {
        Directory.CreateDirectory(_directory);
    }

    private string Spool => Path.Combine(_directory, "spool");

    /// <summary>A path where no spool directory can ever be created, even by root: a regular file is in the way.</summary>
    private string UnwritableSpool
    {
        get
        {
            string blocker = Path.Combine(_directory, "not-a-directory");
            File.WriteAllText(blocker, "a file where the spool's parent directory should be");
            return Path.Combine(blocker, "spool");
        }
    }

    [Fact]
    public async Task A_server_down_at_the_start_is_probed_until_it_answers_and_gets_every_verdict()
    {
        await using var server = new FakeVerdictServer();
        var run = new FakeRunSource(Guid.NewGuid());
        await using var shipper = new VerdictShipper(Options(server, Spool), run);

        shipper.Publish(FakeRunSource.Verdicts(1, 500));
        await WaitUntilAsync(() => SpooledFiles(Spool).Length > 0, "the shipper never spooled while the server was down");
        await server.StartAsync();
        shipper.Publish(FakeRunSource.Verdicts(501, 500));
        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((1000L, 0L, 0L, 0L, 0), (report.Shipped, report.Spooled, report.Rejected, report.Lost, report.PendingBatches));
        Assert.True(report.IsComplete, report.ToString());
        AssertStoredExactly(server, run.RunId, 1000, "alpha");
        Assert.Equal(1, server.ClosingBatchesOf(run.RunId));
    }

    [Fact]
    public async Task An_unwritable_spool_and_an_outage_in_the_middle_lose_nothing()
    {
        // Issue 8, defect 4: 1,000 of 4,000 verdicts were stored and the run said "0 spooled, 0 rejected".
        await using var server = new FakeVerdictServer();
        await server.StartAsync();
        var run = new FakeRunSource(Guid.NewGuid());
        await using var shipper = new VerdictShipper(Options(server, UnwritableSpool), run);

        var outage = new Stopwatch();
        for (int chunk = 0; chunk < 40; chunk++)
        {
            shipper.Publish(FakeRunSource.Verdicts((chunk * 100) + 1, 100));
            await Task.Delay(10, TestContext.Current.CancellationToken);
            if (chunk == 10)
            {
                await server.StopAsync();
                outage.Start();
            }

            if (chunk == 25)
            {
                await Task.Delay(TimeSpan.FromSeconds(3) - outage.Elapsed, TestContext.Current.CancellationToken);
                await server.StartAsync();
            }
        }

        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((4000L, 0L, 0L, 0L, 0), (report.Shipped, report.Spooled, report.Rejected, report.Lost, report.LostBatches));
        Assert.True(report.IsComplete, report.ToString());
        AssertStoredExactly(server, run.RunId, 4000, "alpha");
    }

    [Fact]
    public async Task Past_its_memory_bound_with_the_server_down_and_an_unwritable_spool_the_shipper_counts_what_it_drops()
    {
        await using var server = new FakeVerdictServer();
        await server.StartAsync();
        var run = new FakeRunSource(Guid.NewGuid());
        await using var shipper = new VerdictShipper(Options(server, UnwritableSpool) with { MaxQueuedVerdicts = 300 }, run);
        shipper.Publish(FakeRunSource.Verdicts(1, 200));
        await WaitUntilAsync(() => server.StoredOf(run.RunId).Count == 200, "the first verdicts never reached the server");

        await server.StopAsync();
        for (int chunk = 0; chunk < 6; chunk++)
        {
            shipper.Publish(FakeRunSource.Verdicts(201 + (chunk * 100), 100));
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await server.StartAsync();
        shipper.Publish(FakeRunSource.Verdicts(801, 200));
        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(60));

        Assert.True(report.Lost is >= 300 and <= 600, report.ToString());
        Assert.Equal(1000, report.Shipped + report.Lost);
        Assert.False(report.IsComplete);
        Assert.Contains($"{report.Lost} lost", report.ToString());
        // What the report calls shipped is exactly what the server stored, each once, under this run.
        Assert.Equal(report.Shipped, server.StoredOf(run.RunId).Count);
        Assert.Equal(1, server.MostDeliveries);
    }

    [Fact]
    public async Task An_outage_at_the_end_of_a_run_is_waited_out_within_the_flush_budget()
    {
        // Issue 8, defect 6: the server was back after 3 s of a 10 s budget, and the run said "0 shipped, 88 spooled, 2 waiting".
        await using var server = new FakeVerdictServer();
        var run = new FakeRunSource(Guid.NewGuid());
        await using var shipper = new VerdictShipper(Options(server, Spool), run);
        shipper.Publish(FakeRunSource.Verdicts(1, 900));

        Task back = Task.Run(
            async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
                await server.StartAsync();
            },
            TestContext.Current.CancellationToken);
        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(10));
        await back;

        Assert.Equal((900L, 0L, 0L, 0L, 0), (report.Shipped, report.Spooled, report.Rejected, report.Lost, report.PendingBatches));
        Assert.True(report.IsComplete, report.ToString());
        AssertStoredExactly(server, run.RunId, 900, "alpha");
        Assert.Empty(SpooledFiles(Spool));
    }

    [Fact]
    public async Task Verdicts_neither_the_server_nor_the_spool_takes_are_counted_lost_and_fail_the_run()
    {
        await using var server = new FakeVerdictServer();
        var run = new FakeRunSource(Guid.NewGuid());
        await using var shipper = new VerdictShipper(Options(server, UnwritableSpool), run);
        shipper.Publish(FakeRunSource.Verdicts(1, 300));
        var output = new StringWriter();

        RunCompletion completion = await RunCompletion.CloseAsync(SampleDocuments.WithVerdict(1, 1), shipper, output, Path.Combine(_directory, "results"), TimeSpan.FromSeconds(1));

        ShippingReport report = completion.Shipping!;
        Assert.Equal((0L, 0L, 0L, 300L, 4), (report.Shipped, report.Spooled, report.Rejected, report.Lost, report.LostBatches));
        Assert.False(report.IsComplete);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output.ToString(), "300 lost \\(in 4 batches\\)"));
        Assert.True(completion.Failed);
        Assert.Contains("300 lost", Assert.Throws<RunIncompleteException>(completion.ThrowIfFailed).Message);
    }

    [Fact]
    public async Task A_full_disk_spools_what_fits_and_counts_the_rest_lost_and_the_next_run_delivers_what_fit()
    {
        string spool = Path.Combine(_directory, "tiny");
        Directory.CreateDirectory(spool);
        if (!Mount($"-t tmpfs -o size=64k tmpfs {spool}"))
        {
            Assert.Skip("mounting a 64 KiB tmpfs needs root");
        }

        try
        {
            await using var server = new FakeVerdictServer();
            var run = new FakeRunSource(Guid.NewGuid());
            ShippingReport report;
            await using (var shipper = new VerdictShipper(Options(server, spool), run))
            {
                for (int chunk = 0; chunk < 60; chunk++)
                {
                    shipper.Publish(FakeRunSource.Verdicts((chunk * 100) + 1, 100));
                }

                report = await shipper.FlushAsync(TimeSpan.FromSeconds(2));
            }

            Assert.True(report.Spooled > 0 && report.Lost > 0, report.ToString());
            Assert.Equal(6000, report.Spooled + report.Lost);
            Assert.False(report.IsComplete);
            Assert.Contains($"{report.Lost} lost", report.ToString());
            // What is in the spool is whole: every file parses, and holds exactly the verdicts counted as spooled.
            Assert.Empty(Directory.GetFiles(spool, "*.tmp"));
            Assert.Equal(report.Spooled, SpooledFiles(spool).Sum(file => ReadBatch(file).Verdicts.Count));

            await server.StartAsync();
            await using (var next = new VerdictShipper(Options(server, spool), new FakeRunSource(Guid.NewGuid())))
            {
                ShippingReport replay = await next.FlushAsync(TimeSpan.FromSeconds(60));
                Assert.True(replay.IsComplete, replay.ToString());
                Assert.Equal(0, replay.PendingBatches);
            }

            SortedDictionary<long, VerdictInfo> stored = server.StoredOf(run.RunId);
            Assert.Equal(report.Spooled, stored.Count);
            Assert.Equal(1, server.MostDeliveries);
        }
        finally
        {
            Mount(spool, "umount");
        }
    }

    [Fact]
    public async Task A_slow_server_gets_every_verdict_once_even_when_it_answers_after_the_client_gave_up()
    {
        await using var server = new FakeVerdictServer { Delay = TimeSpan.FromMilliseconds(1500) };
        await server.StartAsync();
        var run = new FakeRunSource(Guid.NewGuid());
        await using var shipper = new VerdictShipper(Options(server, Spool) with { RequestTimeout = TimeSpan.FromMilliseconds(500) }, run);

        shipper.Publish(FakeRunSource.Verdicts(1, 500));
        await WaitUntilAsync(() => server.Requests >= 3, "the shipper never tried the slow server");
        server.Delay = TimeSpan.FromMilliseconds(100);
        shipper.Publish(FakeRunSource.Verdicts(501, 500));
        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((1000L, 0L, 0L, 0L, 0), (report.Shipped, report.Spooled, report.Rejected, report.Lost, report.PendingBatches));
        Assert.True(report.IsComplete, report.ToString());
        // Stored once each, though batches whose acknowledgement came too late were delivered again.
        AssertStoredExactly(server, run.RunId, 1000, "alpha");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Server_errors_are_retried_until_the_server_stores_every_verdict(int status)
    {
        await using var server = new FakeVerdictServer { FailWith = status };
        await server.StartAsync();
        var run = new FakeRunSource(Guid.NewGuid());
        await using var shipper = new VerdictShipper(Options(server, Spool), run);

        shipper.Publish(FakeRunSource.Verdicts(1, 500));
        await WaitUntilAsync(() => server.Requests >= 4, "the shipper never tried the failing server");
        server.FailWith = null;
        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((500L, 0L, 0L, 0L, 0), (report.Shipped, report.Spooled, report.Rejected, report.Lost, report.PendingBatches));
        AssertStoredExactly(server, run.RunId, 500, "alpha");
    }

    [Fact]
    public async Task A_batch_the_server_refuses_is_set_aside_counted_and_fails_the_run()
    {
        await using var server = new FakeVerdictServer();
        server.Poison(150);
        await server.StartAsync();
        var run = new FakeRunSource(Guid.NewGuid());
        await using var shipper = new VerdictShipper(Options(server, Spool), run);

        shipper.Publish(FakeRunSource.Verdicts(1, 300));
        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((200L, 0L, 100L, 0L), (report.Shipped, report.Spooled, report.Rejected, report.Lost));
        Assert.False(report.IsComplete);
        Assert.Contains("100 rejected", report.ToString());
        Assert.Equal(200, server.StoredOf(run.RunId).Count);
        Assert.Single(Directory.GetFiles(Path.Combine(Spool, "rejected"), "*.problem.json"));
    }

    [Fact]
    public async Task A_shared_spool_is_replayed_only_by_runs_of_its_own_server_and_project_and_as_what_it_is()
    {
        // Issue 8, defect 5: run B of project beta replayed run A's (alpha) batches; had A shipped nothing before,
        // A's verdicts would have been stored under beta.
        await using var server = new FakeVerdictServer();
        server.TokenProjects["token-alpha"] = "alpha";
        server.TokenProjects["token-beta"] = "beta";
        var runA = new FakeRunSource(Guid.NewGuid());
        ShippingReport a;
        await using (var shipper = new VerdictShipper(Options(server, Spool, "alpha", "token-alpha") with { CiJobUrl = "https://ci.example/jobs/a" }, runA))
        {
            shipper.Publish(FakeRunSource.Verdicts(1, 300));
            a = await shipper.FlushAsync(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal((0L, 300L, 4), (a.Shipped, a.Spooled, a.PendingBatches));
        await server.StartAsync();

        var runB = new FakeRunSource(Guid.NewGuid());
        ShippingReport b;
        await using (var shipper = new VerdictShipper(Options(server, Spool, "beta", "token-beta"), runB))
        {
            shipper.Publish(FakeRunSource.Verdicts(1, 100));
            b = await shipper.FlushAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal((100L, 0L, 0L, 0L, 0), (b.Shipped, b.ReplayedBatches, b.Rejected, b.Lost, b.PendingBatches));
        Assert.Empty(server.StoredOf(runA.RunId));
        Assert.Null(server.ProjectOf(runA.RunId));
        Assert.Equal(4, SpooledFiles(Spool).Length);

        // The same project on another server: not its batches either.
        await using var otherServer = new FakeVerdictServer();
        await otherServer.StartAsync();
        await using (var shipper = new VerdictShipper(Options(otherServer, Spool, "alpha", "token-alpha"), new FakeRunSource(Guid.NewGuid())))
        {
            ShippingReport other = await shipper.FlushAsync(TimeSpan.FromSeconds(60));
            Assert.Equal((0L, 0), (other.ReplayedBatches, other.PendingBatches));
        }

        Assert.Empty(otherServer.StoredOf(runA.RunId));
        Assert.Equal(4, SpooledFiles(Spool).Length);

        // A later run of alpha on the same server delivers them as run A's, under alpha, with A's CI job.
        ShippingReport c;
        await using (var shipper = new VerdictShipper(Options(server, Spool, "alpha", "token-alpha"), new FakeRunSource(Guid.NewGuid())))
        {
            c = await shipper.FlushAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal((4L, 0, 0L), (c.ReplayedBatches, c.PendingBatches, c.Rejected));
        Assert.True(c.IsComplete, c.ToString());
        AssertStoredExactly(server, runA.RunId, 300, "alpha");
        Assert.Equal("https://ci.example/jobs/a", server.CiJobOf(runA.RunId));
        AssertStoredExactly(server, runB.RunId, 100, "beta");
        Assert.Empty(SpooledFiles(Spool));
    }

    [Fact]
    public async Task A_spooled_batch_the_server_refuses_on_replay_is_counted_in_the_replaying_runs_report()
    {
        await using var server = new FakeVerdictServer();
        server.Poison(150);
        var runA = new FakeRunSource(Guid.NewGuid());
        await using (var shipper = new VerdictShipper(Options(server, Spool), runA))
        {
            shipper.Publish(FakeRunSource.Verdicts(1, 300));
            await shipper.FlushAsync(TimeSpan.FromMilliseconds(300));
        }

        await server.StartAsync();
        ShippingReport c;
        await using (var shipper = new VerdictShipper(Options(server, Spool), new FakeRunSource(Guid.NewGuid())))
        {
            c = await shipper.FlushAsync(TimeSpan.FromSeconds(60));
        }

        Assert.Equal((3L, 100L, 0), (c.ReplayedBatches, c.Rejected, c.PendingBatches));
        Assert.False(c.IsComplete);
        Assert.Contains("100 rejected", c.ToString());
        Assert.Equal(200, server.StoredOf(runA.RunId).Count);
        Assert.Single(Directory.GetFiles(Path.Combine(Spool, "rejected"), "*.json.gz"));
    }

    [Fact]
    public async Task Batches_refused_for_the_token_wait_in_the_spool_for_a_run_whose_token_may_write_the_project()
    {
        await using var server = new FakeVerdictServer();
        server.TokenProjects["token-alpha"] = "alpha";
        server.TokenProjects["token-beta"] = "beta";
        await server.StartAsync();
        var run = new FakeRunSource(Guid.NewGuid());
        ShippingReport refused;
        var flush = Stopwatch.StartNew();
        await using (var shipper = new VerdictShipper(Options(server, Spool, "alpha", "token-beta"), run))
        {
            shipper.Publish(FakeRunSource.Verdicts(1, 300));
            refused = await shipper.FlushAsync(TimeSpan.FromSeconds(60));
        }

        // A refused token does not change within the run: no point spending the flush budget asking again.
        Assert.True(flush.Elapsed < TimeSpan.FromSeconds(30), $"the flush took {flush.Elapsed}");
        Assert.Equal((0L, 300L, 0L, 0L, 4), (refused.Shipped, refused.Spooled, refused.Rejected, refused.Lost, refused.PendingBatches));
        Assert.True(refused.IsComplete, refused.ToString());
        Assert.Empty(server.StoredOf(run.RunId));

        await using (var shipper = new VerdictShipper(Options(server, Spool, "alpha", "token-alpha"), new FakeRunSource(Guid.NewGuid())))
        {
            ShippingReport fixedToken = await shipper.FlushAsync(TimeSpan.FromSeconds(60));
            Assert.Equal((4L, 0), (fixedToken.ReplayedBatches, fixedToken.PendingBatches));
        }

        AssertStoredExactly(server, run.RunId, 300, "alpha");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static ShippingOptions Options(FakeVerdictServer server, string spool, string project = "alpha", string? token = null) => new(server.BaseAddress, spool)
    {
        Project = project,
        Token = token,
        BatchSize = 100,
        FlushInterval = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(5),
        MaxAttempts = 2,
        RetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(250),
    };

    private static void AssertStoredExactly(FakeVerdictServer server, Guid run, int count, string project)
    {
        SortedDictionary<long, VerdictInfo> stored = server.StoredOf(run);
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), stored.Keys);
        Assert.All(stored, entry => Assert.Equal(entry.Key, entry.Value.Sequence));
        Assert.Equal(project, server.ProjectOf(run));
    }

    private static string[] SpooledFiles(string spool) => Directory.Exists(spool) ? Directory.GetFiles(spool, "*.json.gz") : [];

    private static RunDocument ReadBatch(string file)
    {
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(gzip, VyprJsonContext.Default.RunDocument)!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        for (int attempt = 0; attempt < 1500; attempt++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Fail(failure);
    }

    private static bool Mount(string arguments, string command = "mount")
    {
        using Process process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}

using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Vypr.Runtime.Shipping;
using Vypr.Server.Storage;

namespace Vypr.Server.Benchmarks;

/// <summary>
/// The real path: the runtime's <see cref="VerdictShipper"/> batches, serialises and gzips the verdicts and posts
/// them over loopback HTTP to a Kestrel verdict server, which validates and stores them in SQLite. Timed from the
/// first verdict published to the flush returning (everything acknowledged).
/// </summary>
internal static class EndToEndIngest
{
    public static async Task<TimeSpan> RunAsync(string directory, Workload workload, long verdicts, int batchSize)
    {
        StoreLocation location = StoreLocation.Sqlite(Path.Combine(directory, "e2e.db"));
        string token;
        await using (var database = new VerdictDatabase(location))
        {
            await Migrations.ApplyAsync(database, CancellationToken.None);
            token = await new TokenStore(database).CreateAsync("bench", CancellationToken.None);
        }

        int port = Loopback.FreePort();
        var settings = new ServerSettings(location, $"http://127.0.0.1:{port}", ReadAccess.Open, ServerSettings.DefaultMaxRequestBytes, ServerSettings.DefaultMaxVerdictsPerRequest);
        await using WebApplication server = await VerdictServer.BuildAsync(settings, CancellationToken.None);
        await server.StartAsync();

        var options = new ShippingOptions(new Uri($"http://127.0.0.1:{port}/"), Path.Combine(directory, "spool"))
        {
            Token = token,
            BatchSize = batchSize,
            MaxQueuedVerdicts = (int)verdicts + 1,
            FlushInterval = TimeSpan.FromMilliseconds(20),
            RequestTimeout = TimeSpan.FromSeconds(60),
        };
        await using var shipper = new VerdictShipper(options, workload);
        var clock = Stopwatch.StartNew();
        for (long first = 1; first <= verdicts; first += batchSize)
        {
            shipper.Publish(Workload.Verdicts(first, (int)Math.Min(batchSize, verdicts - first + 1)));
        }

        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromMinutes(10));
        TimeSpan elapsed = clock.Elapsed;
        await server.StopAsync();
        if (report.Shipped != verdicts || report.Spooled != 0)
        {
            throw new InvalidOperationException("the end-to-end run did not ship every verdict directly: " + report);
        }

        return elapsed;
    }
}

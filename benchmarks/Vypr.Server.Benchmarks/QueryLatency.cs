using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Vypr.Server.Storage;

namespace Vypr.Server.Benchmarks;

/// <summary>
/// Latency of <c>GET /api/v1/methods/{id}/calls?verdict=false</c> (100 per page) over loopback HTTP against a SQLite
/// store holding <c>verdicts</c> verdicts: pages start at random cursors, so deep pages count as much as the first.
/// </summary>
internal static class QueryLatency
{
    public static async Task<(double P50, double P95, double P99, long Stored)> RunAsync(string path, int requests)
    {
        StoreLocation location = StoreLocation.Sqlite(path);
        long maxCallId;
        long[] methods;
        using (var connection = new SqliteConnection(location.ConnectionString))
        {
            connection.Open();
            using SqliteCommand max = connection.CreateCommand();
            max.CommandText = "SELECT MAX(id) FROM calls";
            maxCallId = (long)max.ExecuteScalar()!;
            using SqliteCommand ids = connection.CreateCommand();
            ids.CommandText = "SELECT id FROM methods ORDER BY id";
            var list = new List<long>();
            using SqliteDataReader reader = ids.ExecuteReader();
            while (reader.Read())
            {
                list.Add(reader.GetInt64(0));
            }

            methods = list.ToArray();
        }

        int port = Loopback.FreePort();
        var settings = new ServerSettings(location, $"http://127.0.0.1:{port}", ReadAccess.Open, ServerSettings.DefaultMaxRequestBytes, ServerSettings.DefaultMaxVerdictsPerRequest);
        await using WebApplication server = await VerdictServer.BuildAsync(settings, CancellationToken.None);
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var random = new Random(42);

        for (int i = 0; i < 200; i++)
        {
            await QueryAsync(client, methods[random.Next(methods.Length)], random.NextInt64(maxCallId));
        }

        double[] milliseconds = new double[requests];
        for (int i = 0; i < requests; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await QueryAsync(client, methods[random.Next(methods.Length)], random.NextInt64(maxCallId));
            milliseconds[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        await server.StopAsync();
        Array.Sort(milliseconds);
        return (Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.95), Percentile(milliseconds, 0.99), maxCallId);
    }

    private static async Task QueryAsync(HttpClient client, long method, long after)
    {
        using HttpResponseMessage response = await client.GetAsync($"api/v1/methods/{method}/calls?verdict=false&limit=100&after={after}");
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    // Nearest-rank percentile of sorted samples.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

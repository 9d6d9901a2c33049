using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Contracts.Reads;
using Vypr.Server.Reads;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests.Reads;

/// <summary>
/// Every per-test measurement (wall and CPU time, allocated bytes, GC counts by generation, peak memory, whether the
/// test ran alone) comes back from the read API exactly as ingested, extremes included, on SQLite and PostgreSQL.
/// </summary>
public sealed class TestMeasurementsReadTests
{
    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_tests_endpoint_returns_every_measurement_exactly(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runId = Guid.NewGuid();
        var random = new Random(1215);
        List<TestMeasurements?> measurements =
        [
            new TestMeasurements(0, 0, 0, 0, 0, 0, 0, false),
            new TestMeasurements(long.MaxValue, long.MaxValue, long.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, long.MaxValue, true),
            // Above 2^53: a double would round these; the store must not.
            new TestMeasurements((1L << 53) + 1, (1L << 62) + 3, (1L << 60) + 7, 1, 2, 3, (1L << 55) + 1, true),
            null,
        ];
        for (int i = 0; i < 20; i++)
        {
            measurements.Add(new TestMeasurements(
                random.NextInt64(long.MaxValue),
                random.NextInt64(long.MaxValue),
                random.NextInt64(long.MaxValue),
                random.Next(),
                random.Next(),
                random.Next(),
                random.NextInt64(long.MaxValue),
                random.Next(2) == 1));
        }

        RunDocument batch = Documents.Batch(runId, 1, 1);
        RunDocument document = batch with
        {
            Tests = [.. measurements.Select((m, i) => Documents.Test(i + 1) with { Measurements = m })],
        };
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(document)), 200);

        // A second delivery with other numbers changes nothing: the first delivery wins, as for wall_time.
        RunDocument replay = document with { Tests = [.. document.Tests.Select(t => t with { Measurements = t.Measurements is null ? null : new TestMeasurements(1, 1, 1, 1, 1, 1, 1, false) })] };
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(replay)), 200);

        var read = new List<TestItem>();
        long after = 0;
        string firstPage = string.Empty;
        while (true)
        {
            using HttpResponseMessage response = await server.Anonymous.GetAsync($"api/v1/runs/{runId:D}/tests?after={after}&limit=7", TestContext.Current.CancellationToken);
            string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, body);
            firstPage = after == 0 ? body : firstPage;
            Page<TestItem> page = JsonSerializer.Deserialize<Page<TestItem>>(body, Http.Options)!;
            read.AddRange(page.Items);
            if (page.Items.Count < 7)
            {
                break;
            }

            after = page.Items[^1].Id;
        }

        Assert.Equal(measurements, read.OrderBy(t => t.Number).Select(t => t.Measurements));
        Assert.All(read, t => Assert.Equal(1000, t.WallTimeMilliseconds));

        // The JSON holds the exact integers under the results format's names.
        Assert.Contains("\"measurements\":{\"wallNanoseconds\":9223372036854775807,\"cpuNanoseconds\":9223372036854775807,\"allocatedBytes\":9223372036854775807,\"gen0Collections\":2147483647,\"gen1Collections\":2147483647,\"gen2Collections\":2147483647,\"peakWorkingSetBytes\":9223372036854775807,\"exclusive\":true}", firstPage, StringComparison.Ordinal);
        Assert.Contains("\"measurements\":null", firstPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"allocatedBytes\": \"NaN\"", "allocatedBytes")]
    [InlineData("\"allocatedBytes\": \"Infinity\"", "allocatedBytes")]
    [InlineData("\"cpuNanoseconds\": 1e400", "cpuNanoseconds")]
    [InlineData("\"wallNanoseconds\": 9223372036854775808", "wallNanoseconds")]
    [InlineData("\"gen0Collections\": 2147483648", "gen0Collections")]
    [InlineData("\"peakWorkingSetBytes\": 1.5", "peakWorkingSetBytes")]
    [InlineData("\"gen2Collections\": -1", "gen2Collections")]
    public async Task A_measurement_that_is_not_a_whole_number_in_range_gets_400_with_its_path(string replacement, string field)
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        RunDocument batch = Documents.Batch(Guid.NewGuid(), 1, 1);
        RunDocument document = batch with { Tests = [Documents.Test(1) with { Measurements = new TestMeasurements(5, 6, 7, 1, 2, 3, 8, true) }, Documents.Test(2)] };
        string json = Documents.Json(document);
        string body = Regex.Replace(json, $"\"{field}\"\\s*:\\s*[^,}}\\s]+", replacement.Replace("$", "$$", StringComparison.Ordinal), RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.NotEqual(json, body);

        JsonElement problem = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(body), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty($"$.tests[0].measurements.{field}", out _), problem.ToString());
        Assert.Equal(0, await StoreCounts.CountAsync(store, "runs"));
    }
}

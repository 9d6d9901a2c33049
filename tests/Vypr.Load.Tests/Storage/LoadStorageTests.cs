using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Load.Tests.Support;
using Vypr.Runtime;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Load.Tests.Storage;

/// <summary>
/// Load runs stored with their run: the real <c>vypr load</c> process ships to a real <c>vypr-server</c> process on
/// loopback (SQLite and PostgreSQL) and writes a local results directory; what the server gives back is what was
/// sent, number by number, including non-finite and extreme values; what breaks the format is refused at its path.
/// </summary>
public sealed class LoadStorageTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    private static readonly JsonTypeInfo<LoadRunInfo> s_load = (JsonTypeInfo<LoadRunInfo>)VyprJsonContext.Default.GetTypeInfo(typeof(LoadRunInfo))!;

    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_real_load_run_is_stored_in_the_server_and_the_local_store_and_read_back_number_by_number(StoreKind kind)
    {
        await using VerdictServerProcess server = await VerdictServerProcess.StartAsync(kind);
        string directory = Paths.NewDirectory();
        string store = Path.Combine(directory, "vypr-results");
        string plan = Plans.Write(directory, """
            duration: 1s
            tests:
              - name: monitored
                type: Vypr.Load.TestLibrary.MonitoredTest
                rate: 50
                thresholds:
                  - p99 < 30s
              - name: failing
                type: Vypr.Load.TestLibrary.FailingTest
                rate: 40
                arguments:
                  every: 4
                  timeoutEvery: 10
                thresholds:
                  - errors < 1%
                  - mean(sequence) >= 0
            """);
        var environment = new Dictionary<string, string?>
        {
            ["VYPR_SERVER_TOKEN"] = server.Token,
            ["VYPR_MONITORING"] = "1",
            // The monitored process's own results at exit go here, not beside the tool; no shipping of its own.
            ["VYPR_RESULTS_DIR"] = Path.Combine(directory, "process-results"),
            ["VYPR_SERVER_URL"] = null,
        };

        using VyprProcess vypr = VyprProcess.StartWith(environment, directory, "load", "-c", plan, "--server", server.Address.ToString(), "--project", "shop", "--store", store);
        int code = await vypr.WaitForExitAsync(s_timeout);

        // A threshold failed (errors), so exit 1; the run is stored all the same.
        Assert.True(code == 1, $"exit {code}\n{vypr.Output}\n{vypr.Error}\n{server.Output}");
        Assert.Contains("Stored: run ", vypr.Output, StringComparison.Ordinal);
        RunDocument local = ResultsFile.Read(Assert.Single(Directory.GetFiles(store, "*.json")));
        LoadRunInfo sent = Assert.IsType<LoadRunInfo>(local.Load);
        Assert.Equal(["load:monitored", "load:failing"], local.Tests.Select(t => t.Name));
        Assert.Equal(local.Tests.Select(t => t.Id), sent.Tests.Select(t => t.TestId));

        // The local store holds what the results file says.
        using (JsonDocument results = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "vypr-load-results.json"))))
        {
            for (int i = 0; i < 2; i++)
            {
                JsonElement test = results.RootElement.GetProperty("tests")[i];
                LoadTestInfo stored = sent.Tests[i];
                Assert.Equal(test.GetProperty("started").GetInt64(), stored.Started);
                Assert.Equal(test.GetProperty("failed").GetInt64(), stored.Failed);
                Assert.Equal(test.GetProperty("intended").GetInt64(), stored.Intended);
                Assert.Equal(test.GetProperty("latency").GetProperty("p99").GetDouble(), stored.Latency.P99);
                Assert.Equal(test.GetProperty("achievedRate").GetDouble(), stored.AchievedRate);
            }
        }

        LoadTestInfo monitored = sent.Tests[0];
        LoadTestInfo failing = sent.Tests[1];
        Assert.Equal(50, monitored.Started);
        Assert.Equal(50, monitored.MonitoredViolations);
        Assert.Equal(50, local.Verdicts.Count(v => v.TestId == monitored.TestId && !v.Value));
        Assert.Equal(40, failing.Started);
        Assert.Equal([("System.InvalidOperationException", 8L), ("System.TimeoutException", 4L)], failing.Errors.Select(e => (e.Type, e.Count)).OrderBy(e => e.Type));
        Assert.Equal("sequence", Assert.Single(failing.Metrics).Name);
        Assert.Equal(40, failing.Metrics[0].Statistics.Count);
        Assert.InRange(failing.Metrics[0].Statistics.Max, 39, 39 * 1.001);
        Assert.Equal([true, false], failing.Thresholds.Select(t => t.Passed).Reverse());

        // The server gives back exactly what was sent: every count, rate, percentile, error, metric and threshold.
        using HttpClient client = server.Client();
        string read = await client.GetStringAsync($"api/v1/runs/{local.Run.RunId}/load", TestContext.Current.CancellationToken);
        Assert.Equal(JsonSerializer.Serialize(sent, s_load), JsonSerializer.Serialize(JsonSerializer.Deserialize(read, s_load)!, s_load));

        // With the run: its project, its load tests, and the verdicts of the monitored method under load.
        using JsonDocument run = JsonDocument.Parse(await client.GetStringAsync($"api/v1/runs/{local.Run.RunId}", TestContext.Current.CancellationToken));
        Assert.Equal("shop", run.RootElement.GetProperty("project").GetString());
        using JsonDocument tests = JsonDocument.Parse(await client.GetStringAsync($"api/v1/runs/{local.Run.RunId}/tests", TestContext.Current.CancellationToken));
        JsonElement monitoredTest = tests.RootElement.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "load:monitored");
        using JsonDocument summaries = JsonDocument.Parse(await client.GetStringAsync($"api/v1/runs/{local.Run.RunId}/summaries", TestContext.Current.CancellationToken));
        JsonElement summary = summaries.RootElement.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("testId").GetInt64() == monitoredTest.GetProperty("id").GetInt64());
        Assert.Equal(50, summary.GetProperty("calls").GetInt64());
        Assert.Equal(50, summary.GetProperty("violations").GetInt64());
        using JsonDocument calls = JsonDocument.Parse(await client.GetStringAsync(
            $"api/v1/methods/{summary.GetProperty("methodId").GetInt64()}/calls?run={local.Run.RunId}&verdict=false&limit=1000", TestContext.Current.CancellationToken));
        Assert.Equal(50, calls.RootElement.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Non_finite_and_extreme_values_are_stored_and_given_back_exactly_and_a_second_delivery_changes_nothing(StoreKind kind)
    {
        await using VerdictServerProcess server = await VerdictServerProcess.StartAsync(kind);
        using HttpClient client = server.Client();
        RunDocument document = Hostile(Guid.NewGuid());
        string sent = JsonSerializer.Serialize(document.Load!, s_load);
        Assert.Contains("\"Infinity\"", sent, StringComparison.Ordinal);
        Assert.Contains("\"-Infinity\"", sent, StringComparison.Ordinal);

        for (int delivery = 0; delivery < 2; delivery++)
        {
            using HttpResponseMessage response = await client.PostAsync("api/v1/ingest", Json(JsonSerializer.Serialize(document, VyprJsonContext.Default.RunDocument)), TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            string read = await client.GetStringAsync($"api/v1/runs/{document.Run.RunId}/load", TestContext.Current.CancellationToken);
            LoadRunInfo back = JsonSerializer.Deserialize(read, s_load)!;
            Assert.Equal(sent, JsonSerializer.Serialize(back, s_load));
            Assert.True(double.IsNegative(back.Tests[0].Latency.P50) && back.Tests[0].Latency.P50 == 0, "-0.0 keeps its sign");
            Assert.Equal(double.Epsilon, back.Tests[0].Latency.P75);
            Assert.Equal(long.MaxValue, back.Tests[0].Intended);
        }

        // A run without a load section is not a load run; an unknown run is not a run.
        using HttpResponseMessage missing = await client.GetAsync($"api/v1/runs/{Guid.NewGuid()}/load", TestContext.Current.CancellationToken);
        Assert.Equal(404, (int)missing.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_load_section_that_breaks_the_format_is_refused_with_its_path_and_nothing_is_stored(StoreKind kind)
    {
        await using VerdictServerProcess server = await VerdictServerProcess.StartAsync(kind);
        using HttpClient client = server.Client();
        Guid runId = Guid.NewGuid();
        string valid = JsonSerializer.Serialize(Hostile(runId), VyprJsonContext.Default.RunDocument);
        (string Path, string Raw)[] mutations =
        [
            ("$.load.tests[0].latency.p99", "1e400"),
            ("$.load.tests[0].latency.p99", "\"5\""),
            ("$.load.tests[0].latency.p99", "\"nan\""),
            ("$.load.durationSeconds", "\"+Infinity\""),
            ("$.load.tests[0].started", "1e30"),
            ("$.load.tests[0].started", "-1"),
            ("$.load.tests[0].started", "\"5\""),
            ("$.load.tests[0].metrics[0].name", "\"a\\u0000b\""),
            ("$.load.tests[0].name", "\"\\ud800\""),
            ("$.load.tests[0].errors[0].firstMessage", "\"\\udc00 lone\""),
            ("$.load.tests[0].model", "\"half\""),
            ("$.load.tests[0].testId", "7"),
            ("$.load.tests[0].latency.count", "-5"),
            ("$.load.plan", "\"\""),
        ];

        var wrong = new List<string>();
        foreach ((string path, string raw) in mutations)
        {
            string body = Replace(valid, path, raw);
            using HttpResponseMessage response = await client.PostAsync("api/v1/ingest", Json(body), TestContext.Current.CancellationToken);
            string answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            string[] fields = (int)response.StatusCode == 400
                ? JsonDocument.Parse(answer).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray()
                : [];
            if (!fields.SequenceEqual([path]))
            {
                wrong.Add($"{path} = {raw}: expected 400 naming {path}, got {(int)response.StatusCode} {answer}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        using HttpResponseMessage run = await client.GetAsync($"api/v1/runs/{runId}", TestContext.Current.CancellationToken);
        Assert.Equal(404, (int)run.StatusCode);
    }

    [Fact]
    public async Task A_run_the_server_refuses_or_that_cannot_reach_it_is_exit_3_after_the_results_and_report_are_written()
    {
        await using VerdictServerProcess server = await VerdictServerProcess.StartAsync(StoreKind.Sqlite);
        string directory = Paths.NewDirectory();
        string plan = Plans.Write(directory, "duration: 500ms\ntests:\n  - type: Vypr.Load.TestLibrary.NoOpTest\n    rate: 10\n");
        string unreachable = $"http://127.0.0.1:{Vypr.Tests.Shared.Ports.Free()}/";
        var wrongToken = new Dictionary<string, string?> { ["VYPR_SERVER_TOKEN"] = "not-a-token" };

        using (VyprProcess refused = VyprProcess.StartWith(wrongToken, directory, "load", "-c", plan, "--server", server.Address.ToString()))
        {
            Assert.Equal(3, await refused.WaitForExitAsync(s_timeout));
            Assert.Contains("the run was not stored: the verdict server", refused.Error, StringComparison.Ordinal);
            Assert.Contains("with 401", refused.Error, StringComparison.Ordinal);
        }

        using (VyprProcess away = VyprProcess.StartWith(wrongToken, directory, "load", "-c", plan, "--server", unreachable))
        {
            Assert.Equal(3, await away.WaitForExitAsync(s_timeout));
            Assert.Contains("could not be reached", away.Error, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(directory, "vypr-load-results.json")));
        Assert.True(File.Exists(Path.Combine(directory, "vypr-load-report.md")));

        (int code, _, string error) = await VyprProcess.RunAsync(directory, s_timeout, "load", "-c", plan, "--server", "ftp://example/");
        Assert.Equal(2, code);
        Assert.Contains("--server 'ftp://example/' is not an absolute http(s) URL", error, StringComparison.Ordinal);
    }

    /// <summary>A load run whose every double is a value a naive store loses: NaN, the infinities, -0.0, the extremes.</summary>
    private static RunDocument Hostile(Guid runId)
    {
        DateTimeOffset at = new(2026, 11, 29, 1, 2, 3, TimeSpan.Zero);
        var extremes = new LoadDistribution("ms", long.MaxValue, double.NaN, double.PositiveInfinity, -0.0, double.Epsilon, double.NegativeInfinity, double.MaxValue, double.MinValue, 1e-300, 0.1, long.MaxValue);
        var empty = new LoadDistribution("ms", 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var test = new LoadTestInfo(
            1, "entry \U0001F600 \uFFFD", "Shop.LoadTests.Checkout", "open", null, double.PositiveInfinity,
            long.MaxValue, long.MaxValue, long.MaxValue - 1, 0, long.MaxValue, 0, long.MaxValue, double.MaxValue, double.NaN,
            extremes, empty, extremes with { Unit = "ms" }, empty,
            [new LoadErrorCount("System.TimeoutException", long.MaxValue, string.Empty)],
            [new LoadMetric("bytes", extremes with { Unit = string.Empty }), new LoadMetric("\u00e9t\u00e9", empty with { Unit = "B" })],
            [new LoadThresholdInfo("p99 < 200ms", false, double.NaN, "n/a"), new LoadThresholdInfo("rate >= 1", true, double.NegativeInfinity, string.Empty)],
            long.MaxValue);
        var closed = test with { TestId = 2, Name = "closed", Model = "closed", Concurrency = int.MaxValue, TargetRate = null, SchedulingError = null, Errors = [], Metrics = [], Thresholds = [] };
        return new RunDocument(
            RunDocument.CurrentSchema,
            new RunInfo(runId, "Shop.LoadTests", at, at, "host; Linux; X64; 2 cores", ".NET 10", null, null),
            [],
            [],
            [new TestInfo(1, "load:entry", at, at, "Failed"), new TestInfo(2, "load:closed", at, at, "Failed")],
            [])
        {
            Load = new LoadRunInfo("/plans/load.yml", double.NaN, double.PositiveInfinity, true, double.NegativeInfinity, [test, closed]),
        };
    }

    // Sets the value at a simple path ($.a.b[0].c) to raw JSON text, which may be no valid JSON value of .NET's (1e400).
    private static string Replace(string json, string path, string raw)
    {
        const string marker = "__vypr_marker__";
        JsonNode root = JsonNode.Parse(json)!;
        string[] steps = path[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode node = root;
        for (int i = 0; i < steps.Length - 1; i++)
        {
            node = Step(node, steps[i]);
        }

        string last = steps[^1];
        if (last.StartsWith('['))
        {
            node.AsArray()[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = marker;
        }
        else
        {
            node.AsObject()[last] = marker;
        }

        return root.ToJsonString().Replace($"\"{marker}\"", raw, StringComparison.Ordinal);
    }

    private static JsonNode Step(JsonNode node, string step) =>
        step.StartsWith('[') ? node.AsArray()[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node.AsObject()[step]!;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

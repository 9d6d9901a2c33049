using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Contracts.Reads;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests;

/// <summary>Ingest and read-back against a real store: a SQLite file and a PostgreSQL database.</summary>
public sealed class IngestTests
{
    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_batch_is_stored_and_read_back_through_every_listing(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runId = Guid.NewGuid();

        JsonElement outcome = await Http.PostAsync(server.Client, "api/v1/ingest?project=uploader&ciJob=https://ci.example/jobs/7", Documents.JsonContent(Documents.Json(Documents.Batch(runId, 1, 30))), 200);
        Assert.Equal(30, outcome.GetProperty("verdictsStored").GetInt32());

        Page<ProjectItem> projects = await Http.GetAsync<Page<ProjectItem>>(server.Anonymous, "api/v1/projects");
        Assert.Equal(["uploader"], projects.Items.Select(p => p.Name));

        RunItem run = await Http.GetAsync<RunItem>(server.Anonymous, $"api/v1/runs/{runId}");
        Assert.Equal(("uploader", "abc123", "main", "https://ci.example/jobs/7"), (run.Project, run.Commit, run.Branch, run.CiJobUrl));
        Assert.Equal(Documents.Start, run.StartedAt);

        Page<TestItem> tests = await Http.GetAsync<Page<TestItem>>(server.Anonymous, $"api/v1/runs/{runId}/tests");
        Assert.Equal(["Uploader.Tests.UploadTests.Test1", "Uploader.Tests.UploadTests.Test2"], tests.Items.Select(t => t.Name));
        Assert.All(tests.Items, t => Assert.Equal(("Passed", 1000.0), (t.Outcome, t.WallTimeMilliseconds)));

        Page<MethodItem> methods = await Http.GetAsync<Page<MethodItem>>(server.Anonymous, "api/v1/methods");
        MethodItem hash = methods.Items.Single(m => m.Name == Documents.Hash.Method);

        Page<SpecificationItem> specifications = await Http.GetAsync<Page<SpecificationItem>>(server.Anonymous, $"api/v1/specifications?method={hash.Id}");
        SpecificationItem specification = Assert.Single(specifications.Items);
        Assert.Equal((Documents.Hash.Text, 1L, 50_000_000L), (specification.Text, specification.Version, specification.BoundNanoseconds));

        // Call sites 1 and 3 check Hash: sequences with sequence % 3 in {0, 2}; odd sequences violate.
        long[] expectedViolations = Enumerable.Range(1, 30).Where(s => s % 3 != 1 && s % 2 == 1).Select(s => (long)s).ToArray();
        Page<CallItem> violations = await Http.GetAsync<Page<CallItem>>(server.Anonymous, $"api/v1/methods/{hash.Id}/calls?verdict=false");
        Assert.Equal(expectedViolations, violations.Items.Select(c => c.Sequence));
        Assert.All(violations.Items, c => Assert.True(c.Severity < 0));

        CallItem first = violations.Items[0];
        CallDetail detail = await Http.GetAsync<CallDetail>(server.Anonymous, $"api/v1/calls/{first.Id}");
        VerdictItem verdict = Assert.Single(detail.Verdicts);
        Assert.False(verdict.Value);
        Assert.Equal(0, verdict.DecidingObservation);
        ObservationItem observation = Assert.Single(verdict.Observations);
        Assert.Equal(("duration", 60_000_000.0, "ns", "<= 50ms", false), (observation.Term, observation.Value, observation.Unit, observation.Condition, observation.Satisfied));
        Assert.Equal((null, null), (observation.CallSiteId, observation.CallSite));
        Assert.Equal(("/src/Uploader/ConditionsUploader.cs", 40L, 25L), (detail.CallSite.File, detail.CallSite.Line, detail.CallSite.Column));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_batch_delivered_twice_is_stored_once(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        string json = Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 20));

        JsonElement first = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(json), 200);
        IReadOnlyDictionary<string, long> afterFirst = await StoreCounts.ReadAsync(store);
        JsonElement second = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(json), 200);

        Assert.Equal((20, 20), (first.GetProperty("verdictsReceived").GetInt32(), first.GetProperty("verdictsStored").GetInt32()));
        Assert.Equal((20, 0), (second.GetProperty("verdictsReceived").GetInt32(), second.GetProperty("verdictsStored").GetInt32()));
        Assert.Equal(afterFirst, await StoreCounts.ReadAsync(store));
        Assert.Equal(20, afterFirst["verdicts"]);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Arrays_ndjson_and_gzip_are_accepted(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runId = Guid.NewGuid();
        string a = Documents.Json(Documents.Batch(runId, 1, 5));
        string b = Documents.Json(Documents.Batch(runId, 6, 5));
        string c = Documents.Json(Documents.Batch(runId, 11, 5));
        string d = Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 5));

        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent($"[{a},{b}]"), 200);
        string ndjson = string.Join('\n', JsonCompact(c), JsonCompact(d)) + "\n";
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(ndjson, "application/x-ndjson"), 200);
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.Gzip(Documents.Json(Documents.Batch(runId, 16, 5))), 200);

        IReadOnlyDictionary<string, long> counts = await StoreCounts.ReadAsync(store);
        Assert.Equal((2L, 25L, 25L), (counts["runs"], counts["calls"], counts["observations"]));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_later_batch_may_refer_to_what_an_earlier_batch_stored(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runId = Guid.NewGuid();
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(Documents.Batch(runId, 1, 3))), 200);

        RunDocument bare = new(RunDocument.CurrentSchema, Documents.Run(runId), [], [], [], [Documents.Verdict(4, testId: 2, callSiteId: 2)]);
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(bare)), 200);

        Assert.Equal(4, await StoreCounts.CountAsync(store, "verdicts"));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_replayed_older_batch_does_not_erase_a_test_outcome(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runId = Guid.NewGuid();
        RunDocument running = Documents.Batch(runId, 1, 2) with { Tests = [Documents.Test(1, outcome: null)] };
        RunDocument ended = Documents.Batch(runId, 3, 2) with { Tests = [Documents.Test(1, outcome: "Failed")] };

        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(ended)), 200);
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(running)), 200);

        Page<TestItem> tests = await Http.GetAsync<Page<TestItem>>(server.Anonymous, $"api/v1/runs/{runId}/tests");
        Assert.Equal("Failed", Assert.Single(tests.Items).Outcome);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Paging_walks_every_call_once_and_filters_by_run_test_and_time(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runA = Guid.NewGuid();
        Guid runB = Guid.NewGuid();
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(Documents.Batch(runA, 1, 25, testId: 2))), 200);
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(Documents.Batch(runB, 1, 10))), 200);
        long hash = (await Http.GetAsync<Page<MethodItem>>(server.Anonymous, "api/v1/methods")).Items.Single(m => m.Name == Documents.Hash.Method).Id;

        var seen = new List<long>();
        string? next = null;
        for (int page = 0; page < 100; page++)
        {
            Page<CallItem> calls = await Http.GetAsync<Page<CallItem>>(server.Anonymous, $"api/v1/methods/{hash}/calls?run={runA}&limit=4{next}");
            seen.AddRange(calls.Items.Select(c => c.Sequence));
            if (calls.Next is null)
            {
                break;
            }

            next = $"&after={calls.Next}";
        }

        Assert.Equal(Enumerable.Range(1, 25).Where(s => s % 3 != 1).Select(s => (long)s), seen);

        long testId = (await Http.GetAsync<Page<TestItem>>(server.Anonymous, $"api/v1/runs/{runA}/tests")).Items.Single(t => t.Number == 2).Id;
        Page<CallItem> ofTest = await Http.GetAsync<Page<CallItem>>(server.Anonymous, $"api/v1/methods/{hash}/calls?test={testId}&limit=1000");
        Assert.Equal(seen, ofTest.Items.Select(c => c.Sequence));

        string from = Uri.EscapeDataString(Documents.Start.AddMilliseconds(10).ToString("O"));
        string to = Uri.EscapeDataString(Documents.Start.AddMilliseconds(20).ToString("O"));
        Page<CallItem> window = await Http.GetAsync<Page<CallItem>>(server.Anonymous, $"api/v1/methods/{hash}/calls?run={runA}&from={from}&to={to}");
        Assert.Equal(Enumerable.Range(10, 10).Where(s => s % 3 != 1).Select(s => (long)s), window.Items.Select(c => c.Sequence));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Summaries_are_stored_and_a_late_older_summary_does_not_replace_a_newer_one(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runId = Guid.NewGuid();
        RunDocument newer = Documents.Batch(runId, 1, 2) with { Summaries = [new CallSiteSummary(1, 1, 900, 2, 1, 10, 90, 9_000), new CallSiteSummary(0, 2, 4, 0, 0, 1, 4, 10)] };
        RunDocument older = Documents.Batch(runId, 3, 2) with { Summaries = [new CallSiteSummary(1, 1, 500, 1, 0, 10, 80, 5_000)] };

        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(newer)), 200);
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(older)), 200);

        Page<SummaryItem> summaries = await Http.GetAsync<Page<SummaryItem>>(server.Anonymous, $"api/v1/runs/{runId}/summaries");
        Assert.Equal(2, summaries.Items.Count);
        Assert.Null(summaries.Items[0].TestId);
        Assert.Equal((4L, 2.5), (summaries.Items[0].Calls, summaries.Items[0].MeanNanoseconds));
        Assert.Equal((900L, 2L, 1L, 10L, 90L, 10.0), (summaries.Items[1].Calls, summaries.Items[1].Violations, summaries.Items[1].Threw, summaries.Items[1].MinNanoseconds, summaries.Items[1].MaxNanoseconds, summaries.Items[1].MeanNanoseconds));

        // Each summary names the specification checked at its call site (a method may have several), of its own method.
        var specifications = (await Http.GetAsync<Page<SpecificationItem>>(server.Anonymous, "api/v1/specifications")).Items.ToDictionary(s => s.Id);
        Assert.All(summaries.Items, s => Assert.Equal(s.MethodId, specifications[s.SpecificationId].MethodId));
        Assert.NotEqual(summaries.Items[0].SpecificationId, summaries.Items[1].SpecificationId);
    }

    private static string JsonCompact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}

using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Contracts.Reads;
using Vypr.Server.Storage;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests;

/// <summary>
/// The call site an observation read (<c>observations[].callSiteId</c>, a run-local number, 0 for the verdict's own)
/// is stored as a reference to the stored call site and read back with it, on both engines.
/// </summary>
public sealed class ObservationCallSiteTests
{
    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    public static TheoryData<StoreKind, string, int> BadReferences
    {
        get
        {
            var data = new TheoryData<StoreKind, string, int>();
            foreach (StoreKind kind in (StoreKind[])[StoreKind.Sqlite, StoreKind.PostgreSql])
            {
                data.Add(kind, "negative", -1);
                data.Add(kind, "in no run", 9);
                data.Add(kind, "stored for another run only", 3);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_observations_call_site_round_trips_through_ingest_and_the_read_api(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runId = Guid.NewGuid();
        // Sequence 1 is a call at call site 2 (Upload); its observations read events at its own site (0), at
        // site 3 and at site 2 named explicitly.
        RunDocument first = Documents.Batch(runId, 1, 3);
        VerdictInfo observing = first.Verdicts[0] with
        {
            Observations = [Observation(0), Observation(3), Observation(2)],
        };
        first = first with { Verdicts = [observing, .. first.Verdicts.Skip(1)] };
        // A later batch of the run without call sites may name one that the first batch stored.
        RunDocument later = new(RunDocument.CurrentSchema, Documents.Run(runId), [], [], [], [Documents.Verdict(4, testId: 2, callSiteId: 2) with { Observations = [Observation(3)] }]);

        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(first)), 200);
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(later)), 200);

        Dictionary<long, CallDetail> calls = await CallsOfRunAsync(server, runId);
        CallSiteItem site3 = calls[2].CallSite;
        Assert.Equal(Documents.CallSites[2].Location, Location(site3));

        IReadOnlyList<ObservationItem> observations = Assert.Single(calls[1].Verdicts).Observations;
        Assert.Equal(3, observations.Count);
        Assert.Equal((null, null), (observations[0].CallSiteId, observations[0].CallSite));
        Assert.Equal((site3.Id, site3), (observations[1].CallSiteId, observations[1].CallSite));
        Assert.Equal((calls[1].CallSite.Id, calls[1].CallSite), (observations[2].CallSiteId, observations[2].CallSite));
        Assert.Equal(Documents.CallSites[1].Location, Location(observations[2].CallSite!));

        ObservationItem fromLater = Assert.Single(Assert.Single(calls[4].Verdicts).Observations);
        Assert.Equal((site3.Id, site3), (fromLater.CallSiteId, fromLater.CallSite));
        Assert.Equal(3, await ScalarAsync(store, "SELECT COUNT(*) FROM observations WHERE call_site_id IS NOT NULL"));
    }

    [Theory]
    [MemberData(nameof(BadReferences))]
    public async Task An_observation_naming_a_call_site_the_run_lacks_gets_400_with_its_path_and_stores_nothing(StoreKind kind, string why, int callSiteId)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        // Another run stores call sites 1 to 3; the run under test has only call site 1.
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 5))), 200);
        IReadOnlyDictionary<string, long> before = await StoreCounts.ReadAsync(store);
        List<VerdictInfo> verdicts = [.. Enumerable.Range(1, 20).Select(s => Documents.Verdict(s, testId: 1, callSiteId: 1))];
        // The bad reference comes last, so that every verdict before it has been written when it is found.
        verdicts[^1] = verdicts[^1] with { Observations = [Observation(0), Observation(callSiteId)] };
        RunDocument document = new(RunDocument.CurrentSchema, Documents.Run(Guid.NewGuid()), [Documents.Hash], [Documents.CallSites[0]], [Documents.Test(1)], verdicts);

        JsonElement problem = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(document)), 400);

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        string[] fields = [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
        Assert.True(fields.SequenceEqual(["$.verdicts[19].observations[1].callSiteId"]), $"{why}: the problem named {string.Join(", ", fields)}");
        Assert.Equal(before, await StoreCounts.ReadAsync(store));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_batch_whose_observations_have_no_call_site_field_still_ingests_with_none_stored(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runId = Guid.NewGuid();
        // A writer from before the field existed: the property is absent, not 0.
        JsonNode json = JsonNode.Parse(Documents.Json(Documents.Batch(runId, 1, 6)))!;
        foreach (JsonNode? verdict in json["verdicts"]!.AsArray())
        {
            foreach (JsonNode? observation in verdict!["observations"]!.AsArray())
            {
                Assert.True(observation!.AsObject().Remove("callSiteId"));
            }
        }

        JsonElement outcome = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(json.ToJsonString()), 200);

        Assert.Equal(6, outcome.GetProperty("verdictsStored").GetInt32());
        Assert.Equal((6L, 6L), (await StoreCounts.CountAsync(store, "observations"), await ScalarAsync(store, "SELECT COUNT(*) FROM observations WHERE call_site_id IS NULL")));
        Dictionary<long, CallDetail> calls = await CallsOfRunAsync(server, runId);
        Assert.All(
            calls.Values.SelectMany(c => c.Verdicts).SelectMany(v => v.Observations),
            o => Assert.Equal((null, null), (o.CallSiteId, o.CallSite)));
    }

    private static ObservationInfo Observation(int callSiteId) => new("duration", 1_000_000, "ns", "<= 50ms", true, callSiteId);

    private static string Location(CallSiteItem site) => $"{site.File}:{site.Line}:{site.Column}";

    /// <summary>Every call of the run with its detail, by sequence, through the read API only.</summary>
    private static async Task<Dictionary<long, CallDetail>> CallsOfRunAsync(RunningServer server, Guid runId)
    {
        var calls = new Dictionary<long, CallDetail>();
        foreach (MethodItem method in (await Http.GetAsync<Page<MethodItem>>(server.Anonymous, "api/v1/methods")).Items)
        {
            foreach (CallItem call in (await Http.GetAsync<Page<CallItem>>(server.Anonymous, $"api/v1/methods/{method.Id}/calls?run={runId}&limit=1000")).Items)
            {
                calls.Add(call.Sequence, await Http.GetAsync<CallDetail>(server.Anonymous, $"api/v1/calls/{call.Id}"));
            }
        }

        return calls;
    }

    private static async Task<long> ScalarAsync(TestStore store, string sql)
    {
        await using var database = new VerdictDatabase(store.Location);
        await using DbConnection connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using DbCommand command = Sql.Command(connection, null, sql);
        return await Sql.ScalarInt64Async(command, TestContext.Current.CancellationToken) ?? 0;
    }
}

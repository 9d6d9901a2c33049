using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Contracts.Reads;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests.Reads;

/// <summary>NaN and the infinities are stored exactly and read back exactly, as "NaN", "Infinity" and "-Infinity".</summary>
public sealed class NonFiniteNumberTests
{
    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Non_finite_severities_and_observation_values_round_trip_through_every_read(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runId = Guid.NewGuid();
        double[] severities = [double.PositiveInfinity, double.NegativeInfinity, double.NaN, -0.0];
        RunDocument document = Documents.Batch(runId, 1, severities.Length) is var batch
            ? batch with
            {
                Verdicts = [.. batch.Verdicts.Select((v, i) => v with
                {
                    CallSiteId = 1,
                    SpecificationId = 1,
                    Severity = severities[i],
                    Observations = [new ObservationInfo("value", severities[(i + 1) % severities.Length], "number", "< 1", false), new ObservationInfo("value", -severities[i], "number", "< 1", false)],
                })],
            }
            : throw new InvalidOperationException();
        string json = Documents.Json(document);
        Assert.Contains("\"Infinity\"", json, StringComparison.Ordinal);

        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(json), 200);

        long method = (await Http.GetAsync<Page<MethodItem>>(server.Anonymous, "api/v1/methods")).Items.Single(m => m.Name == Documents.Hash.Method).Id;
        using HttpResponseMessage listing = await server.Anonymous.GetAsync($"api/v1/methods/{method}/calls", TestContext.Current.CancellationToken);
        string listingBody = await listing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(listing.IsSuccessStatusCode, listingBody);
        Assert.Contains("\"severity\":\"-Infinity\"", listingBody, StringComparison.Ordinal);
        Page<CallItem> calls = JsonSerializer.Deserialize<Page<CallItem>>(listingBody, Http.Options)!;
        Assert.Equal(severities.Select(Bits), calls.Items.OrderBy(c => c.Sequence).Select(c => Bits(c.Severity)));

        foreach (CallItem call in calls.Items)
        {
            int i = (int)call.Sequence - 1;
            CallDetail detail = await Http.GetAsync<CallDetail>(server.Anonymous, $"api/v1/calls/{call.Id}");
            VerdictItem verdict = Assert.Single(detail.Verdicts);
            Assert.Equal(Bits(severities[i]), Bits(verdict.Severity));
            Assert.Equal([Bits(severities[(i + 1) % severities.Length]), Bits(-severities[i])], verdict.Observations.Select(o => Bits(o.Value)));
        }
    }

    [Theory]
    [InlineData("\"severity\": 1e400", "$.verdicts[0].severity")]
    [InlineData("\"severity\": -1e400", "$.verdicts[0].severity")]
    [InlineData("\"severity\": \"Inf\"", "$.verdicts[0].severity")]
    [InlineData("\"severity\": \"NAN\"", "$.verdicts[0].severity")]
    [InlineData("\"severity\": \"10\"", "$.verdicts[0].severity")]
    [InlineData("\"sequence\": \"1\"", "$.verdicts[0].sequence")]
    public async Task Out_of_range_literals_and_numbers_as_strings_get_400(string replacement, string path)
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        string json = Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 1));
        string field = replacement[..(replacement.IndexOf(':') + 1)];
        int at = json.IndexOf(field, StringComparison.Ordinal);
        int end = json.IndexOfAny([',', '\n'], at);
        string body = json[..at] + replacement + json[end..];

        JsonElement problem = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(body), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), problem.ToString());
        Assert.Equal(0, await StoreCounts.CountAsync(store, "runs"));
    }

    // NaN's payload is not part of the format: every NaN reads as NaN.
    private static long Bits(double value) => double.IsNaN(value) ? long.MaxValue : BitConverter.DoubleToInt64Bits(value);
}

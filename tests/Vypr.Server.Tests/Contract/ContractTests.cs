using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests.Contract;

/// <summary>Every documented constraint of the results format is enforced by ingest, identically on both stores.</summary>
public sealed class ContractTests
{
    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Every_documented_constraint_is_enforced_with_a_400_naming_the_path_and_nothing_stored(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 5))), 200);
        IReadOnlyDictionary<string, long> before = await StoreCounts.ReadAsync(store);
        List<ContractMutation> mutations = [.. ContractMutations.All()];
        Assert.True(mutations.Count > 100, $"only {mutations.Count} mutations generated");

        var wrong = new List<string>();
        foreach (ContractMutation mutation in mutations)
        {
            using HttpResponseMessage response = await server.Client.PostAsync("api/v1/ingest", Documents.JsonContent(mutation.Body), TestContext.Current.CancellationToken);
            string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            string[] fields = (int)response.StatusCode == 400
                ? JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray()
                : [];
            if ((int)response.StatusCode != 400 || !fields.SequenceEqual([mutation.Path]))
            {
                wrong.Add($"{mutation.Name}: expected 400 naming {mutation.Path}, got {(int)response.StatusCode} {body}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {mutations.Count} constraints not enforced:\n" + string.Join("\n", wrong));
        Assert.Equal(before, await StoreCounts.ReadAsync(store));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_valid_document_of_the_table_is_stored_and_one_without_summaries_is_accepted(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        string valid = Documents.Json(ContractMutations.Valid());
        var withoutSummaries = System.Text.Json.Nodes.JsonNode.Parse(Documents.Json(ContractMutations.Valid() with { Run = Documents.Run(Guid.NewGuid()) }))!.AsObject();
        Assert.True(withoutSummaries.Remove("summaries"));

        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(valid), 200);
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(withoutSummaries.ToJsonString()), 200);

        IReadOnlyDictionary<string, long> counts = await StoreCounts.ReadAsync(store);
        Assert.Equal((2L, 2L, 1L), (counts["runs"], counts["verdicts"], counts["call_site_summaries"]));
    }

    public static TheoryData<string, int> BrokenGzip => new()
    {
        { "without its CRC and size trailer", 8 },
        { "without half its trailer", 4 },
        { "with trailing garbage", -3 },
        { "with trailing zeros", -16 },
    };

    [Theory]
    [MemberData(nameof(BrokenGzip))]
    public async Task A_gzip_body_that_is_not_one_complete_member_gets_400(string why, int change)
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        byte[] gzip = await Documents.Gzip(Documents.Json(ContractMutations.Valid())).ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        byte[] broken = change > 0 ? gzip[..^change] : [.. gzip, .. change == -3 ? "xyz"u8.ToArray() : new byte[16]];
        var content = new ByteArrayContent(broken);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        JsonElement problem = await Http.PostAsync(server.Client, "api/v1/ingest", content, 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("$", out _), why);
        Assert.Equal(0, await StoreCounts.CountAsync(store, "runs"));
        // The intact body is accepted: the check refuses the damage, not gzip.
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.Gzip(Documents.Json(ContractMutations.Valid())), 200);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Contracts.Reads;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests;

/// <summary>Every bad request gets the right 4xx as problem details and leaves the store exactly as it was.</summary>
public sealed class BadInputTests
{
    private static readonly Guid s_runId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    public static TheoryData<string, string, string> MalformedBodies => new()
    {
        { "not JSON at all", "{ this is not json", "$" },
        { "truncated inside the run", Valid()[..Valid().IndexOf("\"machine\"", StringComparison.Ordinal)], "$.run" },
        { "wrong type: string for a boolean", Replace("\"value\": false", "\"value\": \"no\""), "$.verdicts[0].value" },
        { "wrong type: number for the schema", Replace("\"schema\": \"vypr.run/1\"", "\"schema\": 1"), "$.schema" },
        { "wrong type: object for a list", Replace("\"tests\": [", "\"tests\": {\"x\": 1}, \"ignored\": ["), "$.tests" },
        { "missing field in a verdict", Replace("\"durationNanoseconds\": 60000000,", string.Empty), "$.verdicts[0]" },
        { "null where a string is required", Replace("\"assembly\": \"Uploader.Tests\"", "\"assembly\": null"), "$.run.assembly" },
        { "unknown schema version", Replace("\"schema\": \"vypr.run/1\"", "\"schema\": \"vypr.run/99\""), "$.schema" },
        { "empty run id", Replace(s_runId.ToString(), Guid.Empty.ToString()), "$.run.runId" },
        { "verdict of an unknown specification", Replace("\"specificationId\": 1,\n      \"callSiteId\": 1,\n      \"testId\"", "\"specificationId\": 9,\n      \"callSiteId\": 1,\n      \"testId\""), "$.verdicts[0].specificationId" },
        { "verdict of an unknown test", Replace("\"testId\": 1,", "\"testId\": 5,"), "$.verdicts[0].testId" },
        { "verdict without observations", Documents.Json(Doc() with { Verdicts = [Documents.Verdict(1) with { Observations = [] }] }), "$.verdicts[0].observations" },
        { "duplicate sequence", Documents.Json(Doc() with { Verdicts = [Documents.Verdict(1), Documents.Verdict(1)] }), "$.verdicts[1].sequence" },
        { "null list element", Replace("\"verdicts\": [", "\"verdicts\": [null,"), "$.verdicts[0]" },
        { "summary of an unknown call site", Documents.Json(Doc() with { Summaries = [new CallSiteSummary(1, 7, 1, 0, 0, 5, 5, 5)] }), "$.summaries[0].callSiteId" },
        { "summary with more violations than calls", Documents.Json(Doc() with { Summaries = [new CallSiteSummary(1, 1, 1, 2, 0, 5, 5, 5)] }), "$.summaries[0].violations" },
        { "empty array", "[]", "$" },
        { "array element null", "[null]", "$[0]" },
        { "over-long name", Replace("\"name\": \"Uploader.Tests.UploadTests.Test1\"", $"\"name\": \"{new string('x', 5000)}\""), "$.tests[0].name" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_batch_gets_400_naming_the_field_and_stores_nothing(string why, string body, string field)
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        await SeedAsync(server);
        IReadOnlyDictionary<string, long> before = await StoreCounts.ReadAsync(store);

        JsonElement problem = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(body), 400);

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        string[] fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.True(fields.SequenceEqual([field]), $"{why}: expected the problem to name {field}, it named {string.Join(", ", fields)}");
        Assert.Equal(before, await StoreCounts.ReadAsync(store));
    }

    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_batch_that_fails_on_its_last_verdict_stores_none_of_the_others(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        IReadOnlyDictionary<string, long> before = await StoreCounts.ReadAsync(store);
        RunDocument document = Documents.Batch(Guid.NewGuid(), 1, 50);
        document = document with { Verdicts = [.. document.Verdicts, Documents.Verdict(51) with { CallSiteId = 99 }] };

        JsonElement problem = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(document)), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("$.verdicts[50].callSiteId", out _));
        Assert.Equal(before, await StoreCounts.ReadAsync(store));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Sql_like_strings_are_stored_verbatim_and_harm_nothing(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        const string evil = "x'); DROP TABLE verdicts; --";
        Guid runId = Guid.NewGuid();
        RunDocument document = Documents.Batch(runId, 1, 3) with
        {
            Specifications = [Documents.Hash with { Method = evil, Key = evil }, Documents.Upload],
            Tests = [Documents.Test(1) with { Name = "\" OR 1=1 --" }, Documents.Test(2)],
        };

        await Http.PostAsync(server.Client, "api/v1/ingest?project=" + Uri.EscapeDataString("p' OR '1'='1"), Documents.JsonContent(Documents.Json(document)), 200);

        Page<MethodItem> methods = await Http.GetAsync<Page<MethodItem>>(server.Anonymous, "api/v1/methods");
        Assert.Contains(evil, methods.Items.Select(m => m.Name));
        Page<RunItem> runs = await Http.GetAsync<Page<RunItem>>(server.Anonymous, "api/v1/runs?project=" + Uri.EscapeDataString("p' OR '1'='1"));
        Assert.Equal(runId, Assert.Single(runs.Items).RunId);
        Page<RunItem> none = await Http.GetAsync<Page<RunItem>>(server.Anonymous, "api/v1/runs?branch=" + Uri.EscapeDataString("x' OR '1'='1"));
        Assert.Empty(none.Items);
        Assert.Equal(3, await StoreCounts.CountAsync(store, "verdicts"));
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_stores_nothing()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store, maxRequestBytes: 64 * 1024);
        IReadOnlyDictionary<string, long> before = await StoreCounts.ReadAsync(store);
        string huge = Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 400));
        Assert.True(huge.Length > 64 * 1024);

        JsonElement plain = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(huge), 413);
        // Compressed it fits the wire limit; decompressed it does not, and that is what counts.
        JsonElement zipped = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.Gzip(huge), 413);

        Assert.Equal(413, plain.GetProperty("status").GetInt32());
        Assert.Equal(413, zipped.GetProperty("status").GetInt32());
        Assert.Equal(before, await StoreCounts.ReadAsync(store));
    }

    [Fact]
    public async Task Missing_unknown_and_revoked_tokens_get_401()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        IReadOnlyDictionary<string, long> before = await StoreCounts.ReadAsync(store);
        string body = Valid();

        JsonElement missing = await Http.PostAsync(server.Anonymous, "api/v1/ingest", Documents.JsonContent(body), 401);
        using var unknown = new HttpRequestMessage(HttpMethod.Post, "api/v1/ingest") { Content = Documents.JsonContent(body) };
        unknown.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "vypr_" + new string('A', 43));
        using HttpResponseMessage unknownResponse = await server.Anonymous.SendAsync(unknown, TestContext.Current.CancellationToken);

        await using (var database = new Storage.VerdictDatabase(store.Location))
        {
            Assert.True(await new Storage.TokenStore(database).RevokeAsync("tests", TestContext.Current.CancellationToken));
        }

        JsonElement revoked = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(body), 401);

        Assert.Equal(401, missing.GetProperty("status").GetInt32());
        Assert.Contains("create one with 'vypr-server tokens create'", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(401, (int)unknownResponse.StatusCode);
        Assert.Equal("application/problem+json", unknownResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("revoked", revoked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await StoreCounts.ReadAsync(store));
    }

    [Fact]
    public async Task Other_media_types_and_encodings_get_415()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);

        await Http.PostAsync(server.Client, "api/v1/ingest", new StringContent(Valid(), Encoding.UTF8, "text/xml"), 415);
        var brotli = new StringContent(Valid(), Encoding.UTF8, "application/json");
        brotli.Headers.ContentEncoding.Add("br");
        await Http.PostAsync(server.Client, "api/v1/ingest", brotli, 415);

        Assert.Equal(0, await StoreCounts.CountAsync(store, "runs"));
    }

    [Theory]
    [InlineData("api/v1/runs?limit=0", "limit")]
    [InlineData("api/v1/runs?limit=5000", "limit")]
    [InlineData("api/v1/methods?after=-1", "after")]
    [InlineData("api/v1/methods/1/calls?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    public async Task Bad_query_parameters_get_400_naming_the_parameter(string path, string parameter)
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);

        using HttpResponseMessage response = await server.Anonymous.GetAsync(path, TestContext.Current.CancellationToken);
        JsonElement problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Theory]
    [InlineData("api/v1/methods/1/calls?verdict=maybe")]
    [InlineData("api/v1/methods/1/calls?run=not-a-guid")]
    [InlineData("api/v1/runs/00000000-0000-0000-0000-000000000001")]
    [InlineData("api/v1/calls/12345")]
    [InlineData("api/v1/nothing-here")]
    public async Task Unparseable_or_unknown_reads_get_a_problem_document(string path)
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);

        using HttpResponseMessage response = await server.Anonymous.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.InRange((int)response.StatusCode, 400, 404);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task With_token_reads_a_read_without_a_token_gets_401()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store, ReadAccess.Token);

        using HttpResponseMessage anonymous = await server.Anonymous.GetAsync("api/v1/runs", TestContext.Current.CancellationToken);
        using HttpResponseMessage withToken = await server.Client.GetAsync("api/v1/runs", TestContext.Current.CancellationToken);

        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.Equal(200, (int)withToken.StatusCode);
    }

    private static RunDocument Doc() => new(
        RunDocument.CurrentSchema,
        Documents.Run(s_runId),
        [Documents.Hash],
        [Documents.CallSites[0]],
        [Documents.Test(1)],
        [Documents.Verdict(1)]);

    private static string Valid() => Documents.Json(Doc());

    private static string Replace(string what, string with)
    {
        string valid = Valid();
        Assert.Contains(what, valid, StringComparison.Ordinal);
        return valid.Replace(what, with, StringComparison.Ordinal);
    }

    // A store that already holds a run: a bad batch must not touch what is there either.
    private static Task SeedAsync(RunningServer server) =>
        Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 5))), 200);
}

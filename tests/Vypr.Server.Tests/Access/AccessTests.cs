using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Contracts.Reads;
using Vypr.Server.Storage;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests.Access;

/// <summary>Who may write which project, who may read the API's description, and what an unknown parent answers.</summary>
public sealed class AccessTests
{
    [Fact]
    public async Task A_project_token_writes_its_project_only_and_an_unscoped_token_writes_any()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        string alpha;
        await using (var database = new VerdictDatabase(store.Location))
        {
            alpha = await new TokenStore(database).CreateAsync("ci-alpha", "alpha", TestContext.Current.CancellationToken);
        }

        using var alphaClient = new HttpClient { BaseAddress = server.BaseAddress };
        alphaClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", alpha);
        string Body() => Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 2));

        await Http.PostAsync(alphaClient, "api/v1/ingest?project=alpha", Documents.JsonContent(Body()), 200);
        // Without ?project= a project token writes its own project, not "default".
        await Http.PostAsync(alphaClient, "api/v1/ingest", Documents.JsonContent(Body()), 200);
        var before = await StoreCounts.ReadAsync(store);
        JsonElement forbidden = await Http.PostAsync(alphaClient, "api/v1/ingest?project=beta", Documents.JsonContent(Body()), 403);
        Assert.Equal(before, await StoreCounts.ReadAsync(store));
        Assert.Contains("alpha", forbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The harness's token was created without a project: it writes any (the behaviour before project tokens).
        await Http.PostAsync(server.Client, "api/v1/ingest?project=beta", Documents.JsonContent(Body()), 200);

        Page<RunItem> runs = await Http.GetAsync<Page<RunItem>>(server.Anonymous, "api/v1/runs");
        Assert.Equal(["alpha", "alpha", "beta"], runs.Items.Select(r => r.Project));
    }

    [Fact]
    public async Task The_api_description_needs_a_token_when_reads_do()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store, ReadAccess.Token);

        using HttpResponseMessage anonymous = await server.Anonymous.GetAsync(VerdictServer.OpenApiPath.TrimStart('/'), TestContext.Current.CancellationToken);
        using HttpResponseMessage withToken = await server.Client.GetAsync(VerdictServer.OpenApiPath.TrimStart('/'), TestContext.Current.CancellationToken);

        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(200, (int)withToken.StatusCode);
    }

    [Fact]
    public async Task Health_answers_without_a_token_even_when_reads_need_one()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store, ReadAccess.Token);

        using HttpResponseMessage health = await server.Anonymous.GetAsync("api/v1/health", TestContext.Current.CancellationToken);
        JsonElement body = JsonDocument.Parse(await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(200, (int)health.StatusCode);
        Assert.Equal(("ok", "Sqlite", Storage.Migrations.All.Count), (body.GetProperty("status").GetString(), body.GetProperty("store").GetString(), body.GetProperty("schemaVersion").GetInt32()));
    }

    [Theory]
    [InlineData("api/v1/runs/{run}")]
    [InlineData("api/v1/runs/{run}/tests")]
    [InlineData("api/v1/runs/{run}/summaries")]
    [InlineData("api/v1/methods/987654/calls")]
    [InlineData("api/v1/calls/987654")]
    public async Task Every_read_under_an_unknown_run_or_method_answers_404(string path)
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(Documents.Batch(Guid.NewGuid(), 1, 2))), 200);

        using HttpResponseMessage response = await server.Anonymous.GetAsync(path.Replace("{run}", Guid.NewGuid().ToString(), StringComparison.Ordinal), TestContext.Current.CancellationToken);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

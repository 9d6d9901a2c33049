using System;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Contracts.Reads;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests;

/// <summary>
/// A run's own metadata (dirty working tree, CI system, CI job) is stored and read back on both engines; the
/// request's <c>ciJob</c> wins over the run's; a job link that is not an absolute http(s) URL is a 400 naming its path.
/// </summary>
public sealed class RunMetadataTests
{
    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_runs_metadata_round_trips_and_the_requests_job_link_wins(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid dirty = Guid.NewGuid();
        Guid clean = Guid.NewGuid();
        Guid unknown = Guid.NewGuid();
        RunDocument Document(Guid runId, RunInfo run) => Documents.Batch(runId, 1, 2) with { Run = run };

        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(Document(dirty, Documents.Run(dirty) with
        {
            Dirty = true,
            CiProvider = "gitlab-ci",
            CiJobUrl = "https://gitlab.example/g/p/-/jobs/1",
        }))), 200);
        await Http.PostAsync(server.Client, "api/v1/ingest?ciJob=https%3A%2F%2Fci.example%2Fjob%2F2", Documents.JsonContent(Documents.Json(Document(clean, Documents.Run(clean) with
        {
            Dirty = false,
            CiProvider = "github-actions",
            CiJobUrl = "https://github.example/a/b/actions/runs/2",
        }))), 200);
        await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(Document(unknown, Documents.Run(unknown)))), 200);

        RunItem first = await Http.GetAsync<RunItem>(server.Client, $"api/v1/runs/{dirty:D}");
        Assert.Equal((true, "gitlab-ci", "https://gitlab.example/g/p/-/jobs/1"), (first.Dirty, first.CiProvider, first.CiJobUrl));
        RunItem second = await Http.GetAsync<RunItem>(server.Client, $"api/v1/runs/{clean:D}");
        Assert.Equal((false, "github-actions", "https://ci.example/job/2"), (second.Dirty, second.CiProvider, second.CiJobUrl));
        RunItem third = await Http.GetAsync<RunItem>(server.Client, $"api/v1/runs/{unknown:D}");
        Assert.Equal((null, null, null), (third.Dirty, third.CiProvider, third.CiJobUrl));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_job_link_that_is_not_an_http_url_is_a_400_naming_its_path(StoreKind kind)
    {
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        Guid runId = Guid.NewGuid();
        RunDocument document = Documents.Batch(runId, 1, 1) with { Run = Documents.Run(runId) with { CiJobUrl = "file:///etc/passwd" } };

        JsonElement problem = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(Documents.Json(document)), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("$.run.ciJobUrl", out _), problem.ToString());
        Assert.Empty((await Http.GetAsync<Page<RunItem>>(server.Client, "api/v1/runs")).Items);
    }
}

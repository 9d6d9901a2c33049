using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.EndToEnd.Tests;

/// <summary>The whole path a team uses: monitored xunit tests ship their verdicts to a running verdict server.</summary>
public sealed class ShippingToServerTests
{
    [Fact]
    public async Task A_monitored_test_run_ships_every_kept_verdict_to_the_server()
    {
        await using VerdictServerProcess server = await VerdictServerProcess.StartAsync();

        MonitoredProcess run = await SampleProcess.RunAsync(new Dictionary<string, string>
        {
            ["VYPR_VIOLATIONS"] = "Report",
            ["VYPR_SERVER_URL"] = server.Address.ToString(),
            ["VYPR_SERVER_TOKEN"] = server.Token,
            ["VYPR_SPOOL_DIR"] = Path.Combine(server.Directory, "spool"),
        });

        Assert.Equal(0, run.ExitCode);
        RunDocument results = Assert.IsType<RunDocument>(run.Results);
        Assert.Matches($@"Vypr: {results.Verdicts.Count} verdicts shipped, 0 spooled", run.Output);

        using HttpClient client = server.Client();
        using JsonDocument runs = await GetAsync(client, "api/v1/runs");
        Assert.Contains(runs.RootElement.GetProperty("items").EnumerateArray(), r => r.GetProperty("runId").GetGuid() == results.Run.RunId);

        using JsonDocument tests = await GetAsync(client, $"api/v1/runs/{results.Run.RunId}/tests");
        Assert.Equal(results.Tests.Count, tests.RootElement.GetProperty("items").GetArrayLength());

        const string Rule = "Uploader.IovOrderRule.Validate(Uploader.Payload)";
        using JsonDocument methods = await GetAsync(client, "api/v1/methods");
        long ruleId = methods.RootElement.GetProperty("items").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == Rule)
            .GetProperty("id").GetInt64();
        using JsonDocument violating = await GetAsync(client, $"api/v1/methods/{ruleId}/calls?verdict=false&run={results.Run.RunId}");

        // The rule's violated calls, as the run wrote them: the sample's deliberate one at least, and on a loaded machine
        // perhaps another call of the rule too (another method's violation is not the rule's, so it is not compared).
        int ruleSpecification = results.Specifications.Single(s => s.Method == Rule).Id;
        long[] violated = results.Verdicts.Where(v => !v.Value && v.SpecificationId == ruleSpecification).Select(v => v.Sequence).Order().ToArray();
        Assert.NotEmpty(violated);
        Assert.Equal(violated, violating.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sequence").GetInt64()).Order().ToArray());
    }

    private static async Task<JsonDocument> GetAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}

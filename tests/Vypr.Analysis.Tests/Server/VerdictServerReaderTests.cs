using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Analysis.Inputs;
using Vypr.Analysis.Server;
using Vypr.Analysis.Store;
using Vypr.Analysis.Tests.Cli;
using Vypr.Analysis.Tests.Explanations;
using Vypr.Contracts;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Analysis.Tests.Server;

/// <summary>
/// The object model over a real vypr-server process on loopback (reads behind a token), on SQLite and PostgreSQL:
/// the runs read back from the server answer every query exactly as the results files they were ingested from.
/// </summary>
public sealed class VerdictServerReaderTests
{
    public static TheoryData<string> Stores => ["sqlite", "postgresql"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Runs_read_from_a_server_answer_the_store_queries_exactly_as_their_results_files(string kind)
    {
        await using ServerStore store = await ServerStore.CreateAsync(kind);
        (ServerProcess server, string token) = await StartAsync(store);
        using (server)
        {
            RunDocument[] runs = History();
            await IngestAsync(server, token, "uploader", runs);
            await IngestAsync(server, token, "other", [Documents.Uploader(5, 1, 5, commit: "9999999", startedAt: At(20))]);

            ResultsStore fromServer = await ResultsStore.OpenAsync([server.BaseAddress + "?project=uploader"], token, TestContext.Current.CancellationToken);
            ResultsStore fromFiles = ResultsStore.FromDocuments(runs);

            Assert.Equal(runs.Length, fromServer.Runs.Count);
            Assert.Equal(fromFiles.Runs.Select(r => r.Run), fromServer.Runs.Select(r => r.Run));
            Assert.Equal(fromFiles.Calls.Select(Describe), fromServer.Calls.Select(Describe));
            Assert.Equal(
                fromFiles.Calls.Where(c => c.Violated).GroupBy(c => c.CallSite!.Location).Select(g => (g.Key, g.Count())),
                fromServer.Calls.Where(c => c.Violated).GroupBy(c => c.CallSite!.Location).Select(g => (g.Key, g.Count())));
            Assert.Equal(fromFiles.Runs.Select(Summaries), fromServer.Runs.Select(Summaries));
            Assert.Equal(fromFiles.OnBranch("feature").Calls.Count(), fromServer.OnBranch("feature").Calls.Count());

            // The measurements every analysis takes (metric samples per run) are the same.
            IReadOnlyList<MeasuredRun> measured = await RunReader.ReadAllAsync([server.BaseAddress + "?project=uploader"], token, TestContext.Current.CancellationToken);
            Assert.Equal(
                runs.Select(r => Metrics(RunReader.FromDocument("file.json", r))),
                measured.Select(Metrics));
        }
    }

    [Fact]
    public async Task Non_finite_severities_come_back_exactly()
    {
        await using ServerStore store = await ServerStore.CreateAsync("sqlite");
        (ServerProcess server, string token) = await StartAsync(store);
        using (server)
        {
            RunDocument run = Documents.Uploader(6, 3, 4, startedAt: At(0));
            double[] severities = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.MaxValue, double.Epsilon];
            run = run with { Verdicts = run.Verdicts.Select((v, i) => v with { Severity = severities[i % severities.Length] }).ToList() };
            await IngestAsync(server, token, "p", [run]);

            ResultsStore back = await ResultsStore.OpenAsync([server.BaseAddress.ToString()], token, TestContext.Current.CancellationToken);
            Assert.Equal(
                run.Verdicts.Select(v => BitConverter.DoubleToInt64Bits(v.Severity)),
                back.Calls.Select(c => BitConverter.DoubleToInt64Bits(c.Verdict.Severity)));
        }
    }

    [Fact]
    public async Task The_selection_picks_runs_by_branch_commit_run_and_last()
    {
        await using ServerStore store = await ServerStore.CreateAsync("sqlite");
        (ServerProcess server, string token) = await StartAsync(store);
        using (server)
        {
            RunDocument[] runs = History();
            await IngestAsync(server, token, "uploader", runs);
            string at = server.BaseAddress.ToString();

            async Task<string[]> Commits(string query) =>
                (await ResultsStore.OpenAsync([at + query], token, TestContext.Current.CancellationToken)).Runs.Select(r => r.Run.Commit!).ToArray();

            Assert.Equal(["feat001"], await Commits("?branch=feature"));
            Assert.Equal(["c000003"], await Commits("?commit=c000003"));
            Assert.Equal(["c000006", "c000007"], await Commits("?project=uploader&branch=main&last=2"));
            Assert.Equal(["c000001"], await Commits("?run=" + runs[1].Run.RunId.ToString("D")));
            Assert.Empty(await Commits("?project=nobody"));
        }
    }

    [Fact]
    public async Task A_read_without_the_token_is_refused_with_the_status_and_what_to_set()
    {
        await using ServerStore store = await ServerStore.CreateAsync("sqlite");
        (ServerProcess server, _) = await StartAsync(store);
        using (server)
        {
            var e = await Assert.ThrowsAsync<VerdictServerException>(() => ResultsStore.OpenAsync([server.BaseAddress.ToString()], null, TestContext.Current.CancellationToken));
            Assert.Contains("401", e.Message, StringComparison.Ordinal);
            Assert.Contains(VerdictServerReader.TokenVariable, e.Message, StringComparison.Ordinal);
            Assert.Contains("/api/v1/runs", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("http://localhost:5080/?colour=red", "unknown query parameter 'colour'")]
    [InlineData("http://localhost:5080/?last=0", "last '0' is not a positive whole number")]
    [InlineData("http://localhost:5080/?last=-3", "last '-3'")]
    [InlineData("http://localhost:5080/?run=abc", "run 'abc' is not a run's GUID")]
    [InlineData("http://localhost:5080/?branch=", "'branch' has no value")]
    [InlineData("http://", "not an http:// or https:// address")]
    public void A_malformed_server_address_is_refused_naming_the_part(string address, string message)
    {
        var e = Assert.Throws<System.IO.InvalidDataException>(() => ServerSelection.Parse(address));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_address_keeps_its_mount_path_and_decodes_its_selection()
    {
        ServerSelection s = ServerSelection.Parse("https://ci.example:8443/vypr?project=up%20loader&branch=feature%2Fx&last=5");
        Assert.Equal(new Uri("https://ci.example:8443/vypr/"), s.BaseAddress);
        Assert.Equal(("up loader", "feature/x", (string?)null, 5), (s.Project, s.Branch, s.Commit, s.Last));
        Assert.False(ServerSelection.IsServerAddress("runs/http.json"));
    }

    [Fact]
    public async Task Vypr_commands_read_a_server_with_the_token_from_the_environment()
    {
        await using ServerStore store = await ServerStore.CreateAsync("sqlite");
        (ServerProcess server, string token) = await StartAsync(store);
        using (server)
        {
            await IngestAsync(server, token, "uploader", History());
            string at = server.BaseAddress.ToString();
            var env = new Dictionary<string, string?> { [VerdictServerReader.TokenVariable] = token };

            var (code, output, error) = await VyprProcess.RunWithAsync(env, store.Directory, TimeSpan.FromMinutes(2), "compare", at + "?commit=c000001", at + "?commit=c000007");
            Assert.True(code == 0, error);
            Assert.Contains("Slower", output, StringComparison.Ordinal);

            (code, output, error) = await VyprProcess.RunWithAsync(env, store.Directory, TimeSpan.FromMinutes(2), "explain", at + "?branch=main&last=1");
            Assert.True(code == 0, error);
            Assert.Contains("calls from PayloadValidator.cs:13", output, StringComparison.Ordinal);

            (code, _, error) = await VyprProcess.RunWithAsync(new Dictionary<string, string?> { [VerdictServerReader.TokenVariable] = null }, store.Directory, TimeSpan.FromMinutes(2), "explain", at);
            Assert.Equal(3, code);
            Assert.Contains("401", error, StringComparison.Ordinal);
        }
    }

    /// <summary>Seven runs on main (the last three 40% slower) and one on a feature branch, ingested out of order.</summary>
    internal static RunDocument[] History()
    {
        var runs = new List<RunDocument>();
        for (int i = 0; i < 8; i++)
        {
            runs.Add(Documents.Uploader(20 + i, 5, 30, scale: i >= 5 ? 1.4 : 1.0, commit: $"c{i:000000}", startedAt: At(i)));
        }

        RunDocument feature = Documents.Uploader(12, 2, 12, commit: "feat001", startedAt: At(3).AddMinutes(30));
        runs.Add(feature with { Run = feature.Run with { Branch = "feature" } });
        return runs.OrderBy(r => r.Run.StartedAt).ToArray();
    }

    private static DateTimeOffset At(int hour) => new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero).AddHours(hour);

    private static async Task<(ServerProcess Server, string Token)> StartAsync(ServerStore store)
    {
        (int exit, string token, string error) = await ServerProcess.RunAsync($"tokens create --name analysis {store.Arguments}");
        Assert.True(exit == 0, error);
        var server = new ServerProcess(store.Arguments + " --reads token", Ports.Free());
        await server.StartAsync();
        return (server, token.Trim());
    }

    private static async Task IngestAsync(ServerProcess server, string token, string project, IEnumerable<RunDocument> runs)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // Newest first: the reader must order runs by their start, not by the order they reached the server.
        foreach (RunDocument run in runs.Reverse())
        {
            using var body = new StringContent(JsonSerializer.Serialize(run, AnalysisJson.RunDocument), Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await client.PostAsync($"api/v1/ingest?project={project}", body, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    private static string Describe(Call c) => string.Join(
        " | ",
        c.Run.RunId,
        c.Method,
        c.Specification.Text,
        c.Specification.BoundNanoseconds,
        c.CallSite?.Location,
        c.CallSite?.Caller,
        c.Test?.Name,
        c.Verdict.Sequence,
        c.Verdict.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        c.Verdict.DurationNanoseconds,
        c.Verdict.Value,
        c.Verdict.Severity.ToString("R", CultureInfo.InvariantCulture),
        c.Verdict.Threw,
        string.Join(";", c.Verdict.Observations.Select(o => $"{o.Term}={o.Value.ToString("R", CultureInfo.InvariantCulture)}{o.Unit} {o.Condition} {o.Satisfied}")));

    private static string Summaries(RunDocument run)
    {
        var sites = run.CallSites.ToDictionary(s => s.Id, s => s.Location);
        var tests = run.Tests.ToDictionary(t => t.Id, t => t.Name);
        return string.Join(
            "\n",
            run.Summaries
                .Select(s => $"{tests.GetValueOrDefault(s.TestId)} {sites[s.CallSiteId]} {s.Calls} {s.Violations} {s.Threw} {s.MinNanoseconds} {s.MaxNanoseconds} {s.TotalNanoseconds}")
                .Order(StringComparer.Ordinal));
    }

    private static string Metrics(MeasuredRun run) => string.Join(
        "\n",
        run.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key} [{p.Value.Unit}] {string.Join(",", p.Value.Samples.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}"))
        + $"\n{run.Machine} {run.Commit} {run.Branch} {run.StartedAt:O}";
}

using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Server.Storage;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests.Concurrency;

/// <summary>Many runs first-inserting the same methods, specifications and call sites at once, in different orders.</summary>
public sealed class ConcurrentIngestTests
{
    private const int Clients = 24;
    private const int Rounds = 8;
    private const int Shared = 8;

    [Fact]
    public async Task Concurrent_runs_first_inserting_overlapping_methods_in_opposite_orders_all_succeed_once()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        // Every client's batch in the store at once: the gate must not serialise what this test wants to collide.
        await using RunningServer server = await RunningServer.StartAsync(store, maxConcurrentIngests: Clients);
        var failures = new List<string>();

        for (int round = 0; round < Rounds; round++)
        {
            SpecificationInfo[] specifications = [.. Enumerable.Range(1, Shared).Select(i => new SpecificationInfo(
                i, $"M:Round{round}.Type{i}.Method MaxDuration(\"{i}ms\")", $"Round{round}.Type{i}.Method()", $"MaxDuration(\"{i}ms\")", i * 1_000_000L))];
            CallSiteInfo[] callSites = [.. specifications.Select(s => new CallSiteInfo(s.Id, s.Id, $"/src/Round{round}.cs", s.Id, 9, "Caller()", "App"))];
            Task<HttpResponseMessage>[] posts = new Task<HttpResponseMessage>[Clients];
            for (int client = 0; client < Clients; client++)
            {
                // Half the clients insert in one order, half in the opposite, each rotated differently.
                IEnumerable<int> order = Enumerable.Range(0, Shared).Select(i => (i + client) % Shared);
                int[] indexes = [.. client % 2 == 0 ? order : order.Reverse()];
                var document = new RunDocument(
                    RunDocument.CurrentSchema,
                    Documents.Run(Guid.NewGuid()),
                    [.. indexes.Select(i => specifications[i])],
                    [.. indexes.Select(i => callSites[i])],
                    [Documents.Test(1)],
                    [.. indexes.Select((i, n) => Documents.Verdict(n + 1) with { SpecificationId = i + 1, CallSiteId = i + 1 })]);
                posts[client] = server.Client.PostAsync("api/v1/ingest", Documents.JsonContent(Documents.Json(document)), TestContext.Current.CancellationToken);
            }

            foreach (HttpResponseMessage response in await Task.WhenAll(posts))
            {
                if ((int)response.StatusCode != 200)
                {
                    failures.Add($"round {round}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                }

                response.Dispose();
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Clients * Rounds} batches failed:\n{string.Join("\n", failures.Take(5))}");
        IReadOnlyDictionary<string, long> counts = await StoreCounts.ReadAsync(store);
        Assert.Equal(
            (Shared * Rounds, Shared * Rounds, Shared * Rounds, Clients * Rounds, Clients * Rounds * Shared, Clients * Rounds * Shared, Clients * Rounds * Shared),
            (counts["methods"], counts["specifications"], counts["call_sites"], counts["runs"], counts["run_specifications"], counts["calls"], counts["verdicts"]));
    }

    [Fact]
    public async Task Concurrent_runs_each_bringing_a_new_bound_for_one_method_get_one_version_each()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.PostgreSql);
        await using RunningServer server = await RunningServer.StartAsync(store, maxConcurrentIngests: Clients);
        const string method = "Shop.Cart.Total()";

        // The method exists first, so every batch below finds it and counts its specifications at the same moment.
        await PostAsync(server, DocumentWithBound(method, 1));
        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(2, Clients).Select(ms => PostAsync(server, DocumentWithBound(method, ms))));

        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        await using var database = new VerdictDatabase(store.Location);
        await using DbConnection connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using DbCommand read = Sql.Command(connection, null, "SELECT version FROM specifications ORDER BY version");
        var versions = new List<long>();
        await using (DbDataReader reader = await read.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                versions.Add(reader.GetInt64(0));
            }
        }

        Assert.Equal(Enumerable.Range(1, Clients + 1).Select(v => (long)v), versions);
    }

    private static Task<HttpResponseMessage> PostAsync(RunningServer server, RunDocument document) =>
        server.Client.PostAsync("api/v1/ingest", Documents.JsonContent(Documents.Json(document)), TestContext.Current.CancellationToken);

    private static RunDocument DocumentWithBound(string method, int milliseconds) => new(
        RunDocument.CurrentSchema,
        Documents.Run(Guid.NewGuid()),
        [new SpecificationInfo(1, $"M:{method} MaxDuration(\"{milliseconds}ms\")", method, $"MaxDuration(\"{milliseconds}ms\")", milliseconds * 1_000_000L)],
        [new CallSiteInfo(1, 1, "/src/Cart.cs", 12, 9, "Caller()", "App")],
        [Documents.Test(1)],
        [Documents.Verdict(1) with { SpecificationId = 1, CallSiteId = 1 }]);
}

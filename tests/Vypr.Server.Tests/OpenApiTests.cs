using System;
using System.IO;
using System.Threading.Tasks;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests;

/// <summary>docs/openapi.json is the document the server serves, byte for byte (modulo line endings).</summary>
public sealed class OpenApiTests
{
    private const string UpdateVariable = "VYPR_UPDATE_OPENAPI";

    [Fact]
    public async Task The_served_document_matches_docs_openapi_json()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        await using RunningServer server = await RunningServer.StartAsync(store);
        string served = Normalise(await server.Anonymous.GetStringAsync(VerdictServer.OpenApiPath.TrimStart('/'), TestContext.Current.CancellationToken));
        string path = Path.Combine(Repository.Root, "docs", "openapi.json");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served, TestContext.Current.CancellationToken);
        }

        string kept = File.Exists(path) ? Normalise(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)) : string.Empty;
        Assert.True(
            kept == served,
            $"docs/openapi.json differs from the served document; if the API change is intended, run the tests once with {UpdateVariable}=1 and commit the file");
        Assert.Contains("\"/api/v1/methods/{methodId}/calls\"", served, StringComparison.Ordinal);
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";
}

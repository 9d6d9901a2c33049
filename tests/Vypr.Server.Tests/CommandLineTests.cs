using System;
using System.IO;
using System.Threading.Tasks;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests;

/// <summary>The <c>vypr-server</c> executable: token commands and clear errors for bad configuration.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Tokens_are_created_listed_and_revoked_and_only_their_hash_is_stored()
    {
        await using TestStore store = await TestStore.CreateAsync(StoreKind.Sqlite);
        string db = Path.Combine(store.Directory, "vypr.db");

        (int created, string token, _) = await ServerProcess.RunAsync($"tokens create --name ci --db \"{db}\"");
        (int again, _, string duplicate) = await ServerProcess.RunAsync($"tokens create --name ci --db \"{db}\"");
        (_, string live, _) = await ServerProcess.RunAsync($"tokens list --db \"{db}\"");
        (int revoked, _, _) = await ServerProcess.RunAsync($"tokens revoke --name ci --db \"{db}\"");
        (int revokedAgain, _, _) = await ServerProcess.RunAsync($"tokens revoke --name ci --db \"{db}\"");
        (_, string afterRevoke, _) = await ServerProcess.RunAsync($"tokens list --db \"{db}\"");

        Assert.Equal(0, created);
        Assert.StartsWith("vypr_", token.Trim(), StringComparison.Ordinal);
        Assert.NotEqual(0, again);
        Assert.Contains("exists already", duplicate, StringComparison.Ordinal);
        Assert.Matches(@"^ci\tcreated .*\tlive\tany project\s*$", live);
        Assert.Equal((0, 1), (revoked, revokedAgain));
        Assert.Contains("\trevoked ", afterRevoke, StringComparison.Ordinal);
        byte[] file = await File.ReadAllBytesAsync(db, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(token.Trim(), System.Text.Encoding.ASCII.GetString(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "no command given")]
    [InlineData("launch", "unknown command 'launch'")]
    [InlineData("serve --port 80", "'serve' does not take '--port'")]
    [InlineData("serve --reads maybe", "--reads: 'maybe' is neither 'open' nor 'token'")]
    [InlineData("serve --urls ftp://127.0.0.1:1", "--urls: 'ftp://127.0.0.1:1' is not an http(s) URL")]
    [InlineData("serve --max-request-mb 0", "--max-request-mb: '0' is not a whole number from 1 to 1024")]
    [InlineData("serve --db a.db --postgres Host=x", "give either a SQLite file")]
    [InlineData("serve --postgres Nonsense=1", "the PostgreSQL connection string is not valid")]
    [InlineData("serve --db /no/such/directory/v.db", "does not exist")]
    [InlineData("tokens create", "vypr-server: 'tokens create' needs --name")]
    [InlineData("tokens revoke --name x --project p", "vypr-server: 'tokens revoke' does not take '--project'")]
    [InlineData("tokens", "'tokens' needs a subcommand")]
    public async Task Bad_configuration_gets_a_clear_error_and_exit_code_2(string arguments, string message)
    {
        (int exit, _, string error) = await ServerProcess.RunAsync(arguments);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);

        // The server executable keeps its own name and commands (the vypr tool shares the parser, with its names).
        Assert.StartsWith("vypr-server: ", error, StringComparison.Ordinal);
        Assert.Contains("Usage: vypr-server <command>", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_server_gets_a_clear_error()
    {
        int port = Ports.Free();
        (int exit, _, string error) = await ServerProcess.RunAsync($"migrate --postgres \"Host=127.0.0.1;Port={port};Username=u;Password=p;Database=d;Timeout=2\"");

        Assert.Equal(1, exit);
        Assert.StartsWith("vypr-server: ", error, StringComparison.Ordinal);
    }
}

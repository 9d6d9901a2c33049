using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary><c>vypr token create|revoke|list</c> as a process, on the default local store and on a named one.</summary>
public sealed class TokenTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private readonly string _directory = Directory.CreateTempSubdirectory("vypr-cli-tokens-").FullName;

    [Fact]
    public async Task Create_prints_the_token_once_and_the_store_keeps_only_its_hash()
    {
        (int exit, string output, string error) = await Vypr("token", "create", "--name", "ci", "--project", "probe");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        string token = output.Trim();
        Assert.Matches("^vypr_[A-Za-z0-9_-]{43}$", token);
        Assert.Contains("Created token 'ci' (writes project 'probe' only)", error, StringComparison.Ordinal);
        string store = Path.Combine(_directory, ".vypr", "verdicts.db");
        Assert.True(File.Exists(store), "the default store is .vypr/verdicts.db of the working directory");

        // Neither the list nor the store's file (with its write-ahead log) holds the token itself.
        (exit, output, error) = await Vypr("token", "list");
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Matches(@"^ci\tcreated [0-9-]+ [0-9:]+Z\tlive\tproject probe\r?\n$", output);
        foreach (string file in Directory.GetFiles(Path.Combine(_directory, ".vypr")))
        {
            string bytes = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
            Assert.DoesNotContain(token, bytes, StringComparison.Ordinal);
        }

        (exit, output, error) = await Vypr("token", "create", "--name", "ci");
        Assert.True(exit == 2, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("a token named 'ci' exists already", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Revoke_ends_a_token_and_says_when_there_is_none_to_revoke()
    {
        string store = Path.Combine(_directory, "named.db");
        Assert.Equal(0, (await Vypr("token", "create", "--name", "old", "--db", store)).ExitCode);

        (int exit, string output, string error) = await Vypr("token", "revoke", "--name", "old", "--db", store);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("Revoked token 'old'.", output, StringComparison.Ordinal);

        (exit, output, _) = await Vypr("token", "list", "--db", store);
        Assert.Equal(0, exit);
        Assert.Matches(@"^old\tcreated [^\t]+\trevoked [0-9-]+ [0-9:]+Z\tany project\r?\n$", output);
        Assert.False(Directory.Exists(Path.Combine(_directory, ".vypr")), "--db names the store: the default one is not made");

        (exit, output, error) = await Vypr("token", "revoke", "--name", "old", "--db", store);
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        Assert.Contains($"vypr token revoke: no live token named 'old' in SQLite {store}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create", "--project", "p", "'token create' needs --name")]
    [InlineData("create", "--name", "x", "'token create' does not take '--urls'")]
    [InlineData("list", "--db", "", "--db is empty")]
    public async Task A_wrong_command_line_is_exit_2_with_what_is_wrong(string subcommand, string option, string value, string message)
    {
        string[] args = option == "--name" ? ["token", subcommand, option, value, "--urls", "http://127.0.0.1:1"] : ["token", subcommand, option, value];

        (int exit, string output, string error) = await Vypr(args);

        Assert.True(exit == 2, $"exit {exit}\n{output}\n{error}");
        Assert.Contains($"vypr token {subcommand}: {message}", error, StringComparison.Ordinal);
        Assert.Contains($"See 'vypr token {subcommand} --help'", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every message of a wrong command line names the tool's commands (<c>vypr token create</c>), never the server
    /// executable's (<c>vypr-server tokens create</c>), whose parser the tool shares.
    /// </summary>
    [Theory]
    [InlineData("token", "create")]
    [InlineData("token", "create", "--project", "p")]
    [InlineData("token", "create", "--name", "x", "--reads", "open")]
    [InlineData("token", "revoke")]
    [InlineData("token", "revoke", "--name", "x", "--project", "p")]
    [InlineData("token", "list", "--name", "x")]
    [InlineData("token", "list", "--db")]
    [InlineData("token", "list", "--db", "a.db", "--db", "b.db")]
    [InlineData("token", "list", "--db", "a.db", "--postgres", "Host=x")]
    [InlineData("serve", "--port", "80")]
    [InlineData("serve", "--reads", "maybe")]
    [InlineData("serve", "--max-ingests", "0")]
    public async Task Usage_errors_name_the_tools_commands_never_the_servers(params string[] args)
    {
        (int exit, string output, string error) = await Vypr(args);

        Assert.True(exit == 2, $"exit {exit}\n{output}\n{error}");
        string command = args[0] == "token" ? "vypr token " + args[1] : "vypr serve";
        Assert.StartsWith(command + ": ", error, StringComparison.Ordinal);
        Assert.Contains($"See '{command} --help'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("vypr-server", error, StringComparison.Ordinal);
        Assert.DoesNotContain("tokens", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, ".vypr")), "a wrong command line opens no store");
    }

    [Theory]
    [InlineData("create")]
    [InlineData("revoke")]
    [InlineData("list")]
    public async Task Help_names_the_tools_command(string subcommand)
    {
        (int exit, string output, string error) = await Vypr("token", subcommand, "--help");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains($"vypr token {subcommand}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("vypr-server", output + error, StringComparison.Ordinal);
        Assert.DoesNotMatch("tokens (create|revoke|list)", output + error);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<(int ExitCode, string Output, string Error)> Vypr(params string[] args) => VyprProcess.RunAsync(_directory, s_timeout, args);
}

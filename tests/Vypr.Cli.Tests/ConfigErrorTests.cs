using System;
using System.IO;
using System.Threading.Tasks;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>A wrong vypr.yml is exit 2 with the file, line and column and what was expected, before anything is built or run.</summary>
public sealed class ConfigErrorTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vypr-cli-config-").FullName;

    public static TheoryData<string, string, string> Cases => new()
    {
        // What the file says; where the error must point; what the message must say was expected.
        { "projects:\n  - path: tests/A\nfail_fast: maybe\n", "(3,12)", "expected true or false" },
        { "projects:\n  - path: tests/A\ninputs: { from: 1, to: x }\n", "(3,24)", "expected a number" },
        { "projects:\n  - path: tests/A\n    filtr: Category=Perf\n", "(3,5)", "unknown key 'filtr'" },
        { "projects:\n  - path: tests/A\nviolations: Warn\n", "(3,13)", "expected Fail" },
        { "projects: [\n  - path: a\n", "vypr.yml(", "not valid YAML" },
        { "inputs: [1, 2]\n", "(1,1)", "missing 'projects'" },
        { "projects:\n  - path: tests/A\nserver:\n  url: http://127.0.0.1:5080\n  token_env: VYPR_CLI_TESTS_UNSET_TOKEN\n", "(5,14)", "'VYPR_CLI_TESTS_UNSET_TOKEN'" },
        { "projects:\n  - path: tests/A\nstress: 0\n", "(3,9)", "greater than 0" },
        { "projects:\n  - path: tests/A\ninputs: { file: missing.txt }\n", "(3,17)", "does not exist" },
        { "", "(1,1)", "the file is empty" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_wrong_file_is_exit_2_with_its_line_and_column(string yaml, string where, string expected)
    {
        File.WriteAllText(Path.Combine(directory, "vypr.yml"), yaml);

        (int exit, string output, string error) = await VyprProcess.RunAsync(directory, TimeSpan.FromMinutes(2), "run");

        Assert.Equal(2, exit);
        Assert.Contains("vypr.yml" + (where.StartsWith('(') ? where : string.Empty), error, StringComparison.Ordinal);
        Assert.Contains(": error: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("building", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_project_is_exit_3_naming_its_entry()
    {
        File.WriteAllText(Path.Combine(directory, "vypr.yml"), "projects:\n  - path: tests/Missing.Tests\n");

        (int exit, _, string error) = await VyprProcess.RunAsync(directory, TimeSpan.FromMinutes(2), "run");

        Assert.Equal(3, exit);
        Assert.Contains("vypr.yml(2,11): error: the test project", error, StringComparison.Ordinal);
        Assert.Contains("Missing.Tests' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_without_a_checkpoint_is_exit_2()
    {
        Directory.CreateDirectory(Path.Combine(directory, "tests", "A"));
        File.WriteAllText(Path.Combine(directory, "vypr.yml"), "projects:\n  - path: tests/A\n");

        (int exit, _, string error) = await VyprProcess.RunAsync(directory, TimeSpan.FromMinutes(2), "run", "--resume");

        Assert.Equal(2, exit);
        Assert.Contains("there is no campaign to resume", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Vypr.Cli.Run;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>The forms of vypr.yml the reader accepts, read in process.</summary>
public sealed class CampaignConfigReaderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vypr-cli-reader-").FullName;

    [Fact]
    public void Reads_every_setting_with_paths_relative_to_the_file()
    {
        var environment = new Dictionary<string, string?> { ["CI_VYPR_TOKEN"] = "secret" };
        CampaignConfig config = CampaignConfigReader.Read("""
            projects:
              - path: tests/A.Tests
                filter: Category=Perf
              - path: tests/B.Tests/B.Tests.csproj
                runner: run
              - tests/C.Tests
            inputs: [small, "1e3", 42]
            fail_fast: true
            violations: Report
            results: out/campaign
            stress: 2.5
            server:
              url: http://127.0.0.1:5080
              token_env: CI_VYPR_TOKEN
            """, "vypr.yml", directory, name => environment.GetValueOrDefault(name));

        Assert.Equal([Path.Combine(directory, "tests", "A.Tests"), Path.Combine(directory, "tests", "B.Tests", "B.Tests.csproj"), Path.Combine(directory, "tests", "C.Tests")], config.Projects.Select(p => p.Path));
        Assert.Equal(["Category=Perf", null, null], config.Projects.Select(p => p.Filter));
        Assert.Equal(["test", "run", "test"], config.Projects.Select(p => p.Runner));
        Assert.Equal(["small", "1e3", "42"], config.Inputs);
        Assert.True(config.FailFast);
        Assert.Equal("Report", config.Violations);
        Assert.Equal(Path.Combine(directory, "out", "campaign"), config.ResultsDirectory);
        Assert.Equal(2.5, config.Stress);
        Assert.Equal("http://127.0.0.1:5080", config.ServerUrl);
        Assert.Equal("secret", config.ServerToken);
        Assert.Null(config.StorePath);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("profile: { slowest: 0 }\n", 0)]
    [InlineData("profile: { slowest: 3 }\n", 3)]
    [InlineData("profile:\n  slowest: 20\n", 20)]
    public void Profile_asks_for_the_slowest_tests_profiles(string yaml, int slowest)
    {
        CampaignConfig config = CampaignConfigReader.Read("projects: [a]\n" + yaml, "vypr.yml", directory, _ => null);

        Assert.Equal(slowest, config.ProfileSlowest);
    }

    [Fact]
    public void Results_go_to_the_named_store_under_the_named_project()
    {
        CampaignConfig config = CampaignConfigReader.Read("projects: [a]\nstore: out/perf.db\nproject: uploader\n", "vypr.yml", directory, _ => null);

        Assert.Equal(Path.Combine(directory, "out", "perf.db"), config.StorePath);
        Assert.Equal("uploader", config.Project);
        Assert.Null(config.ServerUrl);
    }

    [Fact]
    public void Defaults_are_one_iteration_fail_and_vypr_campaign()
    {
        CampaignConfig config = CampaignConfigReader.Read("projects: [tests/A]\n", "vypr.yml", directory, _ => null);

        Assert.Empty(config.Inputs);
        Assert.False(config.FailFast);
        Assert.Equal("Fail", config.Violations);
        Assert.Equal(1, config.Stress);
        Assert.Equal(Path.Combine(directory, "vypr-campaign"), config.ResultsDirectory);
        Assert.Null(config.ServerUrl);
        Assert.Equal(Path.Combine(directory, ".vypr", "verdicts.db"), config.StorePath);
        Assert.Null(config.Project);
    }

    [Theory]
    [InlineData("{ from: 1, to: 3 }", new[] { "1", "2", "3" })]
    [InlineData("{ from: 0, to: 1, step: 0.25 }", new[] { "0", "0.25", "0.5", "0.75", "1" })]
    [InlineData("{ from: -2, to: 2, step: 2 }", new[] { "-2", "0", "2" })]
    [InlineData("{ from: 5, to: 5 }", new[] { "5" })]
    public void A_range_counts_up_by_its_step_exactly(string range, string[] expected)
    {
        CampaignConfig config = CampaignConfigReader.Read($"projects: [a]\ninputs: {range}\n", "vypr.yml", directory, _ => null);

        Assert.Equal(expected, config.Inputs);
    }

    [Fact]
    public void An_inputs_file_gives_its_lines_without_blanks_and_comments()
    {
        File.WriteAllText(Path.Combine(directory, "inputs.txt"), "# sizes\nsmall\n\n  big file.bin  \r\n# done\n");

        CampaignConfig config = CampaignConfigReader.Read("projects: [a]\ninputs: { file: inputs.txt }\n", "vypr.yml", directory, _ => null);

        Assert.Equal(["small", "big file.bin"], config.Inputs);
    }

    [Theory]
    [InlineData("inputs: { from: 3, to: 1 }", "(2,9)", "'to' at least 'from'")]
    [InlineData("inputs: { from: 1, to: 2, step: 0 }", "(2,33)", "greater than 0")]
    [InlineData("inputs: { from: 0, to: 1, step: 0.000001 }", "(2,9)", "more than 100000 inputs")]
    [InlineData("inputs: []", "(2,9)", "empty list")]
    [InlineData("inputs: [[1, 2]]", "(2,10)", "a single value")]
    [InlineData("server: { token_env: T }", "(2,9)", "needs 'url'")]
    [InlineData("server: { url: ftp://host }", "(2,16)", "http or https")]
    [InlineData("store: a.db\nserver: { url: http://h }", "(2,8)", "'store' and 'server' are both given")]
    [InlineData("project: ' spaced '", "(2,10)", "without surrounding spaces")]
    [InlineData("store: [a.db]", "(2,8)", "expected a non-empty text")]
    [InlineData("profile: { slowest: 21 }", "(2,21)", "a whole number from 0 to 20")]
    [InlineData("profile: { slowest: -1 }", "(2,21)", "a whole number from 0 to 20")]
    [InlineData("profile: { slowest: 2.5 }", "(2,21)", "a whole number from 0 to 20")]
    [InlineData("profile: { slowest: many }", "(2,21)", "a whole number from 0 to 20")]
    [InlineData("profile: { }", "(2,10)", "'profile' needs 'slowest'")]
    [InlineData("profile: { fastest: 1 }", "(2,12)", "fastest")]
    [InlineData("profile: 3", "(2,10)", "profile")]
    public void Errors_name_the_position_and_what_was_expected(string line, string where, string expected)
    {
        var e = Assert.Throws<CampaignConfigException>(() => CampaignConfigReader.Read($"projects: [a]\n{line}\n", "vypr.yml", directory, _ => null));

        Assert.StartsWith($"vypr.yml{where}: error: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

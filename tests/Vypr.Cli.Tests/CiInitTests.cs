using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Tests.Shared;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Vypr.Cli.Tests;

/// <summary><c>vypr ci init</c> as a process: the files it writes parse as YAML and say what the CI must do.</summary>
public sealed class CiInitTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private readonly string _directory = Directory.CreateTempSubdirectory("vypr-cli-ci-").FullName;

    public CiInitTests() => File.WriteAllText(Path.Combine(_directory, "vypr.yml"), "projects: [tests/A.Tests]\nresults: out/perf\n");

    [Fact]
    public async Task The_GitHub_workflow_installs_runs_keeps_the_results_and_comments_on_pull_requests()
    {
        (int exit, string output, string error) = await Vypr("ci", "init", "--tool-version", "0.1.0");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("wrote .github/workflows/vypr.yml", output, StringComparison.Ordinal);
        YamlMappingNode workflow = Load(".github/workflows/vypr.yml");
        YamlMappingNode on = (YamlMappingNode)workflow["on"];
        Assert.True(on.Children.ContainsKey("pull_request"));
        Assert.Equal("write", Scalar(workflow["permissions"]["pull-requests"]));
        YamlNode[] steps = [.. ((YamlSequenceNode)workflow["jobs"]["vypr"]["steps"]).Children];

        Assert.Contains("dotnet tool install --global Vypr.Tool --version 0.1.0", Scalar(Step(steps, "Install vypr")["run"]), StringComparison.Ordinal);
        Assert.Equal("vypr run -c vypr.yml", Scalar(Step(steps, "Run the campaign")["run"]));
        YamlMappingNode keep = Step(steps, "Keep the results");
        Assert.Equal("always()", Scalar(keep["if"]));
        Assert.StartsWith("actions/upload-artifact@", Scalar(keep["uses"]), StringComparison.Ordinal);
        Assert.Equal(["out/perf/", ".vypr/verdicts.db"], Scalar(keep["with"]["path"]).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        YamlMappingNode comment = Step(steps, "Comment on the pull request");
        Assert.Contains("github.event_name == 'pull_request'", Scalar(comment["if"]), StringComparison.Ordinal);
        Assert.Contains("gh pr comment \"$PR_NUMBER\" --body-file out/perf/summary.md", Scalar(comment["run"]), StringComparison.Ordinal);
        Assert.Equal("${{ github.token }}", Scalar(comment["env"]["GH_TOKEN"]));
    }

    [Fact]
    public async Task The_GitLab_job_is_included_from_a_new_pipeline_and_keeps_junit_and_the_results_always()
    {
        (int exit, string output, string error) = await Vypr("ci", "init", "--provider", "gitlab", "--tool-version", "latest");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.False(File.Exists(Path.Combine(_directory, ".github", "workflows", "vypr.yml")));
        YamlMappingNode pipeline = Load(".gitlab-ci.yml");
        Assert.Equal(".gitlab/vypr.gitlab-ci.yml", Scalar(((YamlSequenceNode)pipeline["include"]).Children[0]["local"]));
        YamlMappingNode job = (YamlMappingNode)Load(".gitlab/vypr.gitlab-ci.yml")["vypr"];
        string[] script = [.. ((YamlSequenceNode)job["script"]).Children.Select(Scalar)];
        Assert.Equal("dotnet tool install --global Vypr.Tool", script[0]);
        Assert.Contains("vypr run -c vypr.yml", script);
        Assert.Equal("always", Scalar(job["artifacts"]["when"]));
        Assert.Equal(["out/perf/", ".vypr/verdicts.db"], ((YamlSequenceNode)job["artifacts"]["paths"]).Children.Select(Scalar));
        Assert.Equal("out/perf/junit.xml", Scalar(job["artifacts"]["reports"]["junit"]));
        string note = Scalar(((YamlSequenceNode)job["after_script"]).Children[0]);
        Assert.Contains("merge_requests/$CI_MERGE_REQUEST_IID/notes", note, StringComparison.Ordinal);
        Assert.Contains("body@out/perf/summary.md", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Existing_files_are_kept_unless_forced_and_an_existing_pipeline_is_never_rewritten()
    {
        string pipeline = Path.Combine(_directory, ".gitlab-ci.yml");
        File.WriteAllText(pipeline, "stages: [build, test]\n");
        Assert.Equal(0, (await Vypr("ci", "init")).ExitCode);

        (int exit, string output, string error) = await Vypr("ci", "init");
        Assert.True(exit == 2, $"exit {exit}\n{output}\n{error}");
        Assert.Contains($"{Path.Combine(_directory, ".github/workflows/vypr.yml")} exists; nothing was written (--force overwrites it)", error, StringComparison.Ordinal);

        (exit, output, error) = await Vypr("ci", "init", "--force");
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("add to .gitlab-ci.yml:  include: [{ local: .gitlab/vypr.gitlab-ci.yml }]", output, StringComparison.Ordinal);
        Assert.Equal("stages: [build, test]\n", File.ReadAllText(pipeline));
    }

    [Fact]
    public async Task A_wrong_campaign_file_is_named_with_its_line_and_column()
    {
        File.WriteAllText(Path.Combine(_directory, "bad.yml"), "projects: [a]\nfail_fast: maybe\n");

        (int exit, _, string error) = await Vypr("ci", "init", "-c", "bad.yml");

        Assert.Equal(2, exit);
        Assert.Contains("bad.yml(2,12): error: 'fail_fast' is 'maybe'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory, ".github")));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    internal static YamlMappingNode Step(YamlNode[] steps, string name) =>
        (YamlMappingNode)steps.Single(s => s is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode("name"), out YamlNode? n) && Scalar(n) == name);

    internal static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;

    private YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(_directory, path))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private Task<(int ExitCode, string Output, string Error)> Vypr(params string[] args) => VyprProcess.RunAsync(_directory, s_timeout, args);
}

using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>
/// Campaigns of the built tool over a real monitored xunit v3 project (<see cref="ProbeProject"/>): fail-fast on
/// the one input that violates, the reports, and a resume after the tool is killed. The tests of this class run one
/// after another, so the project is built by one campaign at a time.
/// </summary>
public sealed partial class CampaignTests(ProbeProject project) : IClassFixture<ProbeProject>
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task Fail_fast_stops_after_the_iteration_that_violates_and_reports_it()
    {
        string config = Write("failfast.yml", """
            projects:
              - path: Probe.Tests
            inputs: [1, 2, 3]
            fail_fast: true
            stress: 2.5
            results: campaign-failfast
            """);

        (int exit, string output, string error) = await VyprProcess.RunAsync(project.Directory, s_timeout, "run", "-c", config);

        string campaign = Path.Combine(project.Directory, "campaign-failfast");
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("[1/3] input 1: ok: 1 test,", output, StringComparison.Ordinal);
        Assert.Contains("[2/3] input 2: FAILED: 1 test, 1 failed, 1 verdict, 1 violation", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[3/3]", output, StringComparison.Ordinal);
        Assert.Contains("stopped by fail_fast after iteration 2", output, StringComparison.Ordinal);

        // Violations come first, with the call site and how far over; the specification's text only in the key.
        int violations = output.IndexOf("Violations (1):", StringComparison.Ordinal);
        Assert.True(violations >= 0 && violations < output.IndexOf("Verdicts:", StringComparison.Ordinal) && violations < output.IndexOf("iteration  input", StringComparison.Ordinal), output);
        Assert.Matches(@"VIOLATED  S1    [^\n]*InputTests.cs:[0-9]+:[0-9]+ +2 +1 +[0-9.]+ms", output);
        Assert.Contains("VIOLATED [S1] iteration 2, input 2: ", output, StringComparison.Ordinal);
        Assert.Contains("InputTests.cs:", output, StringComparison.Ordinal);
        Assert.Matches(@"Probe\.Tests\.InputTests\.Steps_through_the_input: took [0-9.]+ms, bound 200ms \([0-9.]+ms over, [0-9.]+x\)", output);
        Assert.Contains("S1  MaxDuration(\"200ms\") on Probe.Tests.Work.Step(int)", output, StringComparison.Ordinal);

        // The slowest tests with what they cost; the violating iteration's test slept 600ms and says so in its results.
        Assert.Matches(@"Slowest tests:\n *iteration +wall +cpu +allocated +gc 0/1/2 +peak memory +test\n +2 +[0-9.]+(ms|s) ", output.ReplaceLineEndings("\n"));
        using (JsonDocument second = JsonDocument.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(campaign, "2"), "*.json")))))
        {
            JsonElement measured = Assert.Single(second.RootElement.GetProperty("tests").EnumerateArray().ToArray()).GetProperty("measurements");
            Assert.InRange(measured.GetProperty("wallNanoseconds").GetInt64(), 600_000_000, long.MaxValue);
            Assert.InRange(measured.GetProperty("peakWorkingSetBytes").GetInt64(), 1, long.MaxValue);
            Assert.True(measured.GetProperty("exclusive").GetBoolean());
        }

        // One results file per iteration that ran, each the run of its own input; none for the third.
        Assert.Single(Directory.GetFiles(Path.Combine(campaign, "1"), "*.json"));
        Assert.Single(Directory.GetFiles(Path.Combine(campaign, "2"), "*.json"));
        Assert.False(Directory.Exists(Path.Combine(campaign, "3")));
        using (JsonDocument checkpoint = JsonDocument.Parse(File.ReadAllText(Path.Combine(campaign, "checkpoint.json"))))
        {
            Assert.Equal([1, 2], checkpoint.RootElement.GetProperty("completed").EnumerateArray().Select(c => c.GetProperty("iteration").GetInt32()));
        }

        // JUnit: valid against the JUnit schema; one suite per iteration; the violation is a failure of its test in the suite of input 2 only.
        Assert.Empty(JUnit.JUnitSchema.Errors(File.ReadAllText(Path.Combine(campaign, "junit.xml"))));
        XDocument junit = XDocument.Load(Path.Combine(campaign, "junit.xml"));
        XElement[] suites = [.. junit.Root!.Elements("testsuite")];
        Assert.Equal(["iteration 1 (input 1)", "iteration 2 (input 2)"], suites.Select(s => (string)s.Attribute("name")!));
        Assert.Equal("0", (string)suites[0].Attribute("failures")!);
        Assert.Equal("1", (string)suites[1].Attribute("failures")!);
        XElement testCase = Assert.Single(suites[1].Elements("testcase"));
        Assert.Equal("Probe.Tests.InputTests", (string)testCase.Attribute("classname")!);
        Assert.Equal("Steps_through_the_input", (string)testCase.Attribute("name")!);
        XElement failure = testCase.Element("failure")!;
        Assert.Equal("PerformanceSpecificationViolation", (string)failure.Attribute("type")!);
        Assert.Contains("MaxDuration(\"200ms\") on Probe.Tests.Work.Step(int)", failure.Value, StringComparison.Ordinal);
        Assert.Null(Assert.Single(suites[0].Elements("testcase")).Element("failure"));
        Assert.Equal("2", (string)junit.Root.Attribute("tests")!);

        string markdown = File.ReadAllText(Path.Combine(campaign, "summary.md"));
        Assert.StartsWith("## Vypr campaign: 1 violation, 1 failed test (2 of 3 iterations run, stopped by fail_fast after iteration 2)", markdown, StringComparison.Ordinal);
        Assert.Contains("| :x: | 2 | `2` | S1 |", markdown, StringComparison.Ordinal);

        // Both iterations' runs went to the local store by default, and vypr report reads the violating one back.
        Assert.Contains($"[2] stored 1 results file (1 new verdict) in SQLite {Path.Combine(project.Directory, ".vypr", "verdicts.db")}", output, StringComparison.Ordinal);
        Guid violating = RunIdOf(Assert.Single(Directory.GetFiles(Path.Combine(campaign, "2"), "*.json")));
        (exit, output, error) = await VyprProcess.RunAsync(project.Directory, s_timeout, "report", violating.ToString(), "--format", "json");
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        using JsonDocument report = JsonDocument.Parse(output);
        Assert.Equal(1, report.RootElement.GetProperty("violationCount").GetInt64());
        Assert.Equal("default", report.RootElement.GetProperty("run").GetProperty("project").GetString());
        Assert.Equal("Probe.Tests.InputTests.Steps_through_the_input", Assert.Single(report.RootElement.GetProperty("violations").EnumerateArray().ToArray()).GetProperty("test").GetString());
    }

    [Fact]
    public async Task Results_go_to_a_verdict_server_started_by_the_test_and_report_reads_them_back()
    {
        string serverStore = Path.Combine(project.Directory, "server.db");
        (int exit, string token, string error) = await VyprProcess.RunAsync(project.Directory, s_timeout, "token", "create", "--name", "campaign", "--project", "probe", "--db", serverStore);
        Assert.True(exit == 0, error);
        token = token.Trim();
        using var server = new ServerProcess($"--db \"{serverStore}\" --reads token", Ports.Free(), "vypr.dll");
        await server.StartAsync();
        string config = Write("server.yml", $$"""
            projects:
              - path: Probe.Tests
                runner: run
            inputs: [1, 3]
            stress: 2.5
            results: campaign-server
            project: probe
            server:
              url: {{server.BaseAddress}}
              token_env: VYPR_CLI_TESTS_TOKEN
            """);
        var environment = new System.Collections.Generic.Dictionary<string, string?>
        {
            ["VYPR_CLI_TESTS_TOKEN"] = token,
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_SERVER_URL"] = "https://github.example",
            ["GITHUB_REPOSITORY"] = "team/product",
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_RUN_ATTEMPT"] = null,
        };

        string output;
        (exit, output, error) = await VyprProcess.RunWithAsync(environment, project.Directory, s_timeout, "run", "-c", config);

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}\n{server.Output}");
        string campaignOutput = output;
        Assert.Contains($"[2] stored 1 results file (1 new verdict) in the verdict server {server.BaseAddress}", output, StringComparison.Ordinal);
        string campaign = Path.Combine(project.Directory, "campaign-server");
        foreach (string iteration in new[] { "1", "2" })
        {
            Guid runId = RunIdOf(Assert.Single(Directory.GetFiles(Path.Combine(campaign, iteration), "*.json")));

            // Reads need the token too: without it the server's 401 is reported, with it the run comes back as stored.
            (exit, _, error) = await VyprProcess.RunWithAsync(new System.Collections.Generic.Dictionary<string, string?>(), project.Directory, s_timeout, "report", runId.ToString(), "--server", server.BaseAddress.ToString());
            Assert.Equal(3, exit);
            Assert.Contains("401", error, StringComparison.Ordinal);

            (exit, output, error) = await VyprProcess.RunWithAsync(new System.Collections.Generic.Dictionary<string, string?> { ["VYPR_SERVER_TOKEN"] = token }, project.Directory, s_timeout, "report", runId.ToString(), "--server", server.BaseAddress.ToString(), "--format", "json");
            Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
            using JsonDocument report = JsonDocument.Parse(output);
            JsonElement run = report.RootElement.GetProperty("run");
            Assert.Equal("probe", run.GetProperty("project").GetString());
            Assert.Equal("https://github.example/team/product/actions/runs/4242", run.GetProperty("ciJobUrl").GetString());
            Assert.Equal("github-actions", run.GetProperty("ciProvider").GetString());
            JsonElement test = Assert.Single(report.RootElement.GetProperty("tests").EnumerateArray().ToArray());
            Assert.Equal("Passed", test.GetProperty("outcome").GetString());

            // The server's read API gives back every measurement the run's results file holds.
            using JsonDocument file = JsonDocument.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(campaign, iteration), "*.json"))));
            Assert.Equal(
                JsonSerializer.Serialize(file.RootElement.GetProperty("tests")[0].GetProperty("measurements")),
                JsonSerializer.Serialize(test.GetProperty("measurements")));
            Assert.Equal(1, report.RootElement.GetProperty("methods")[0].GetProperty("calls").GetInt64());
        }

        // Nothing went to a local store: the server was the destination.
        Assert.DoesNotContain("in SQLite", campaignOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_GitHub_workflows_run_steps_run_the_campaign_locally_and_comment_its_summary()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "the steps are bash");
        string ci = Path.Combine(project.Directory, "ci-repo");
        Directory.CreateDirectory(ci);
        File.WriteAllText(Path.Combine(ci, "vypr.yml"), "projects:\n  - path: ../Probe.Tests\n    runner: run\ninputs: [1]\nstress: 2.5\nresults: campaign-ci\n");
        (int exit, string output, string error) = await VyprProcess.RunAsync(ci, s_timeout, "ci", "init", "--provider", "github");
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");

        // vypr and gh on the PATH are stand-ins: the built tool, and a gh that has no comment to edit yet.
        string shims = Path.Combine(project.Directory, "ci-shims");
        Directory.CreateDirectory(shims);
        Shim(Path.Combine(shims, "vypr"), $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "vypr.dll")}\" \"$@\"\n");
        Shim(Path.Combine(shims, "gh"), """
            #!/bin/sh
            echo "$*" >> "$GH_LOG"
            for a in "$@"; do if [ "$a" = "--edit-last" ]; then echo "no comments found" >&2; exit 1; fi; done
            while [ $# -gt 0 ]; do if [ "$1" = "--body-file" ]; then cp "$2" "$GH_BODY"; fi; shift; done
            """);
        string log = Path.Combine(project.Directory, "gh.log");
        string body = Path.Combine(project.Directory, "gh-body.md");
        string stepSummary = Path.Combine(project.Directory, "step-summary.md");
        var environment = new System.Collections.Generic.Dictionary<string, string?>
        {
            ["PATH"] = shims + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["GH_LOG"] = log,
            ["GH_BODY"] = body,
            ["GH_TOKEN"] = "not-a-token",
            ["PR_NUMBER"] = "7",
            ["GITHUB_STEP_SUMMARY"] = stepSummary,
        };

        var workflow = new YamlDotNet.RepresentationModel.YamlStream();
        workflow.Load(new StringReader(File.ReadAllText(Path.Combine(ci, ".github", "workflows", "vypr.yml"))));
        var steps = ((YamlDotNet.RepresentationModel.YamlSequenceNode)workflow.Documents[0].RootNode["jobs"]["vypr"]["steps"]).Children.ToArray();
        // The install step needs the published package and a network; every other step runs here as written.
        foreach (string step in new[] { "Run the campaign", "Comment on the pull request" })
        {
            string command = CiInitTests.Scalar(CiInitTests.Step(steps, step)["run"]);
            (exit, output, error) = await Bash(command, ci, environment);
            Assert.True(exit == 0, $"{step}: exit {exit}\n{output}\n{error}");
        }

        string summary = File.ReadAllText(Path.Combine(ci, "campaign-ci", "summary.md"));
        Assert.StartsWith("## Vypr campaign: clean", summary, StringComparison.Ordinal);
        Assert.Equal(["pr comment 7 --body-file campaign-ci/summary.md --edit-last", "pr comment 7 --body-file campaign-ci/summary.md"], File.ReadAllLines(log));
        Assert.Equal(summary, File.ReadAllText(body));
        Assert.Contains(summary.TrimEnd(), File.ReadAllText(stepSummary), StringComparison.Ordinal);
    }

    private static void Shim(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> Bash(string command, string directory, System.Collections.Generic.IReadOnlyDictionary<string, string?> environment)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-eo");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        foreach ((string name, string? value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment.Remove("VYPR_SERVER_URL");
        using var process = System.Diagnostics.Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var bounded = new System.Threading.CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not end within {s_timeout}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static Guid RunIdOf(string resultsFile)
    {
        using JsonDocument run = JsonDocument.Parse(File.ReadAllText(resultsFile));
        return run.RootElement.GetProperty("run").GetProperty("runId").GetGuid();
    }

    [Fact]
    public async Task A_killed_campaign_resumes_after_its_last_finished_iteration()
    {
        // No input violates here; the runner is `dotnet run`, the xunit v3 executable's own.
        string config = Write("resume.yml", """
            projects:
              - path: Probe.Tests/Probe.Tests.csproj
                runner: run
            inputs: { from: 3, to: 7, step: 2 }
            stress: 2.5
            results: campaign-resume
            """);
        string campaign = Path.Combine(project.Directory, "campaign-resume");
        string checkpointFile = Path.Combine(campaign, "checkpoint.json");

        int killedAfter;
        using (VyprProcess first = VyprProcess.Start(project.Directory, "run", "-c", config))
        {
            DateTime deadline = DateTime.UtcNow + s_timeout;
            while (!File.Exists(checkpointFile))
            {
                Assert.True(DateTime.UtcNow < deadline, $"no checkpoint within {s_timeout}\n{first.Output}\n{first.Error}");
                Assert.False(first.Output.Contains("JUnit XML", StringComparison.Ordinal), first.Output);
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            first.KillTree();
            killedAfter = Completed(checkpointFile).Max();
        }

        Assert.InRange(killedAfter, 1, 2);
        (int exit, string output, string error) = await VyprProcess.RunAsync(project.Directory, s_timeout, "run", "-c", config, "--resume");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.DoesNotContain($"[{killedAfter}/3]", output, StringComparison.Ordinal);
        Assert.Contains($"[{killedAfter + 1}/3] input {3 + (2 * killedAfter)}: ok", output, StringComparison.Ordinal);
        Assert.Contains("clean (3 of 3 iterations run)", output, StringComparison.Ordinal);

        // Every iteration ran exactly once: once in the checkpoint, one results file, of a run with its own input.
        Assert.Equal([1, 2, 3], Completed(checkpointFile));
        foreach (int iteration in new[] { 1, 2, 3 })
        {
            string results = Assert.Single(Directory.GetFiles(Path.Combine(campaign, iteration.ToString(CultureInfo.InvariantCulture)), "*.json"));
            using JsonDocument run = JsonDocument.Parse(File.ReadAllText(results));
            JsonElement test = Assert.Single(run.RootElement.GetProperty("tests").EnumerateArray().ToArray());
            Assert.Equal("Passed", test.GetProperty("outcome").GetString());
        }

        XDocument junit = XDocument.Load(Path.Combine(campaign, "junit.xml"));
        Assert.Equal(["iteration 1 (input 3)", "iteration 2 (input 5)", "iteration 3 (input 7)"], junit.Root!.Elements("testsuite").Select(s => (string)s.Attribute("name")!));
    }

    [Fact]
    public async Task Ctrl_C_stops_the_test_run_in_flight_and_reports_the_finished_iterations()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGINT is sent with kill(1)");
        string config = Write("interrupt.yml", """
            projects:
              - path: Probe.Tests
                runner: run
            inputs: [1, 3]
            stress: 2.5
            results: campaign-interrupt
            """);
        string campaign = Path.Combine(project.Directory, "campaign-interrupt");
        string checkpointFile = Path.Combine(campaign, "checkpoint.json");

        using VyprProcess vypr = VyprProcess.Start(project.Directory, "run", "-c", config);
        DateTime deadline = DateTime.UtcNow + s_timeout;
        while (!vypr.Output.Contains("[2/2] input 3: running", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"iteration 2 did not start within {s_timeout}\n{vypr.Output}\n{vypr.Error}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        using (var signal = System.Diagnostics.Process.Start("kill", ["-INT", vypr.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        int exit = await vypr.WaitForExitAsync(s_timeout);

        // The second iteration may have finished in the moment before the signal: then the campaign simply ended.
        if (exit == 0)
        {
            Assert.Equal([1, 2], Completed(checkpointFile));
            return;
        }

        Assert.True(exit == 130, $"exit {exit}\n{vypr.Output}\n{vypr.Error}");
        Assert.Contains("interrupted during iteration 2", vypr.Output, StringComparison.Ordinal);
        Assert.Equal([1], Completed(checkpointFile));
        XDocument junit = XDocument.Load(Path.Combine(campaign, "junit.xml"));
        Assert.Equal(["iteration 1 (input 1)"], junit.Root!.Elements("testsuite").Select(s => (string)s.Attribute("name")!));
    }

    [Fact]
    public async Task From_and_max_choose_the_iterations_and_resume_continues_after_them()
    {
        string config = Write("window.yml", """
            projects:
              - path: Probe.Tests
                runner: run
            inputs: [1, 3, 5]
            stress: 2.5
            results: campaign-window
            """);
        string checkpointFile = Path.Combine(project.Directory, "campaign-window", "checkpoint.json");

        (int exit, string output, string error) = await VyprProcess.RunAsync(project.Directory, s_timeout, "run", "-c", config, "--from", "2", "--max", "1");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("[2/3] input 3: ok", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[1/3]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[3/3]", output, StringComparison.Ordinal);
        Assert.Contains("clean (1 of 3 iterations run, stopped after iteration 2; continue with --resume)", output, StringComparison.Ordinal);
        Assert.Equal([2], Completed(checkpointFile));

        (exit, output, error) = await VyprProcess.RunAsync(project.Directory, s_timeout, "run", "-c", config, "--resume");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("[3/3] input 5: ok", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[2/3]", output, StringComparison.Ordinal);
        Assert.Equal([2, 3], Completed(checkpointFile));
    }

    private static int[] Completed(string checkpointFile)
    {
        using JsonDocument checkpoint = JsonDocument.Parse(File.ReadAllText(checkpointFile));
        return [.. checkpoint.RootElement.GetProperty("completed").EnumerateArray().Select(c => c.GetProperty("iteration").GetInt32())];
    }

    private string Write(string name, string yaml)
    {
        string path = Path.Combine(project.Directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}

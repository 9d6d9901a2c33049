using System;
using System.Collections.Generic;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests.Runs;

/// <summary>
/// What a run records about where it ran: the CI system and job from each system's documented variables, the
/// working tree's dirtiness, and a machine fingerprint that names the processor and memory.
/// </summary>
public sealed class RunEnvironmentTests
{
    public static TheoryData<Dictionary<string, string?>, string?, string?> CiSystems => new()
    {
        {
            new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_SERVER_URL"] = "https://github.com/", ["GITHUB_REPOSITORY"] = "team/app", ["GITHUB_RUN_ID"] = "123", ["GITHUB_RUN_ATTEMPT"] = "2" },
            "github-actions", "https://github.com/team/app/actions/runs/123/attempts/2"
        },
        { new() { ["GITHUB_ACTIONS"] = "true" }, "github-actions", null },
        { new() { ["GITLAB_CI"] = "true", ["CI"] = "true", ["CI_JOB_URL"] = "https://gitlab.example/g/p/-/jobs/9" }, "gitlab-ci", "https://gitlab.example/g/p/-/jobs/9" },
        {
            new() { ["TF_BUILD"] = "True", ["SYSTEM_COLLECTIONURI"] = "https://dev.azure.com/org/", ["SYSTEM_TEAMPROJECT"] = "My Project", ["BUILD_BUILDID"] = "77" },
            "azure-pipelines", "https://dev.azure.com/org/My%20Project/_build/results?buildId=77"
        },
        { new() { ["JENKINS_URL"] = "https://ci.example/", ["BUILD_URL"] = "https://ci.example/job/app/5/" }, "jenkins", "https://ci.example/job/app/5/" },
        { new() { ["CI"] = "true", ["BUILD_URL"] = "https://drone.example/app/5" }, "ci", "https://drone.example/app/5" },
        { new() { ["CI"] = "false" }, null, null },
        { new(), null, null },

        // Only an absolute http(s) link is a job's page; the override wins anywhere, also outside a known CI.
        { new() { ["GITLAB_CI"] = "true", ["CI_JOB_URL"] = "not a url" }, "gitlab-ci", null },
        { new() { ["GITLAB_CI"] = "true", ["CI_JOB_URL"] = "file:///etc/passwd" }, "gitlab-ci", null },
        { new() { ["GITLAB_CI"] = "true", ["CI_JOB_URL"] = "https://x.example/" + new string('a', 2100) }, "gitlab-ci", null },
        { new() { ["GITLAB_CI"] = "true", ["CI_JOB_URL"] = "https://gitlab.example/1", ["VYPR_CI_JOB_URL"] = "https://mirror.example/1" }, "gitlab-ci", "https://mirror.example/1" },
        { new() { ["VYPR_CI_JOB_URL"] = "https://mirror.example/2" }, "ci", "https://mirror.example/2" },
    };

    [Theory]
    [MemberData(nameof(CiSystems))]
    public void The_CI_system_and_job_come_from_the_systems_own_variables(Dictionary<string, string?> variables, string? provider, string? jobUrl)
    {
        RunInfo run = RunEnvironment.Describe(Guid.NewGuid(), "A.Tests", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, name => variables.GetValueOrDefault(name));

        Assert.Equal(provider, run.CiProvider);
        Assert.Equal(jobUrl, run.CiJobUrl);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("maybe", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Dirty_is_read_from_VYPR_DIRTY_and_unknown_otherwise(string? value, bool? dirty)
    {
        RunInfo run = RunEnvironment.Describe(Guid.NewGuid(), "A.Tests", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, name => name == "VYPR_DIRTY" ? value : null);

        Assert.Equal(dirty, run.Dirty);
    }

    [Fact]
    public void Commit_and_branch_take_the_first_variable_set_without_NUL_or_unpaired_surrogates()
    {
        var variables = new Dictionary<string, string?> { ["GITHUB_SHA"] = " abc\0def ", ["CI_COMMIT_SHA"] = "ignored", ["VYPR_BRANCH"] = "feature/\ud800x" };

        RunInfo run = RunEnvironment.Describe(Guid.NewGuid(), "A.Tests", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, name => variables.GetValueOrDefault(name));

        Assert.Equal("abc\ufffddef", run.Commit);
        Assert.Equal("feature/\ufffdx", run.Branch);
    }

    [Fact]
    public void The_machine_fingerprint_names_cores_processor_and_memory()
    {
        string[] parts = RunEnvironment.Fingerprint().Split("; ");

        Assert.Equal(6, parts.Length);
        Assert.Equal(Environment.MachineName, parts[0]);
        Assert.Equal($"{Environment.ProcessorCount} cores", parts[3]);
        Assert.False(string.IsNullOrWhiteSpace(parts[4]));
        Assert.Matches(@"^[0-9]+(\.[0-9])? GiB$", parts[5]);
        if (OperatingSystem.IsLinux() && System.IO.File.ReadAllText("/proc/cpuinfo").Contains("model name", StringComparison.Ordinal))
        {
            Assert.NotEqual("unknown processor", parts[4]);
        }
    }
}

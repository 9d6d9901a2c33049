using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>
/// <c>profile: { slowest: N }</c>: the slowest tests run again under an EventPipe CPU sampling session, each profile a
/// nettrace file whose samples hold the test's own method; a profile that cannot be made is reported, and the
/// campaign's results are kept either way. Part of <see cref="CampaignTests"/>, to share its built project.
/// </summary>
public sealed partial class CampaignTests
{
    [Theory]
    [InlineData("test")]
    [InlineData("run")]
    public async Task The_slowest_test_gets_a_nettrace_CPU_sample_profile_holding_its_method(string runner)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "profiles find the test process through /proc");
        string config = Write($"profile-{runner}.yml", $$"""
            projects:
              - path: Probe.Tests
                runner: {{runner}}
            inputs: [1, 2]
            stress: 2.5
            violations: Report
            results: campaign-profile-{{runner}}
            profile: { slowest: 3 }
            """);

        (int exit, string output, string error) = await VyprProcess.RunAsync(project.Directory, s_timeout, "run", "-c", config);

        // Input 2 violates (exit 1); the one test method is profiled once, with the input it was slowest with.
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        string campaign = Path.Combine(project.Directory, $"campaign-profile-{runner}");
        string trace = Path.Combine(campaign, "profiles", "1-Probe.Tests.InputTests.Steps_through_the_input.nettrace");
        Assert.True(File.Exists(trace), $"{trace} missing\n{output}\n{error}");
        Assert.Single(Directory.GetFiles(Path.Combine(campaign, "profiles"), "*.nettrace"));
        Assert.Contains("CPU sample profiles", output, StringComparison.Ordinal);
        Assert.Contains(" 1. Probe.Tests.InputTests.Steps_through_the_input (iteration 2, ", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine($"campaign-profile-{runner}", "profiles", "1-Probe.Tests.InputTests.Steps_through_the_input.nettrace"), output, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT PROFILED", output, StringComparison.Ordinal);
        string markdown = File.ReadAllText(Path.Combine(campaign, "summary.md"));
        Assert.Contains("1-Probe.Tests.InputTests.Steps_through_the_input.nettrace`", markdown, StringComparison.Ordinal);

        // The nettrace header, then samples whose stacks hold the test's method: the sleep of input 2 is in Work.Step.
        byte[] head = new byte[40];
        using (FileStream stream = File.OpenRead(trace))
        {
            Assert.Equal(head.Length, await stream.ReadAtLeastAsync(head, head.Length, cancellationToken: TestContext.Current.CancellationToken));
        }

        Assert.Equal("Nettrace", Encoding.ASCII.GetString(head, 0, 8));
        Assert.Contains("!FastSerialization.1", Encoding.ASCII.GetString(head), StringComparison.Ordinal);
        (int samples, int inStep) = Samples(trace, "Probe.Tests.Work.Step");
        Assert.True(samples > 0, "no samples in the trace");
        Assert.True(inStep > 0, $"none of {samples} samples is in Probe.Tests.Work.Step");

        // The campaign's own results are whole: both iterations stored, the reports written.
        Assert.Contains("[2] stored 1 results file", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(campaign, "junit.xml")));
    }

    [Fact]
    public async Task A_profile_that_cannot_be_made_is_reported_and_the_results_are_kept()
    {
        string config = Write("profile-off.yml", """
            projects:
              - path: Probe.Tests
                runner: run
            inputs: [1]
            stress: 2.5
            results: campaign-profile-off
            profile: { slowest: 1 }
            """);

        (int exit, string output, string error) = await VyprProcess.RunWithAsync(
            new Dictionary<string, string?> { ["DOTNET_EnableDiagnostics"] = "0" }, project.Directory, s_timeout, "run", "-c", config);

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("[1] stored 1 results file", output, StringComparison.Ordinal);
        Assert.Contains("1. Probe.Tests.InputTests.Steps_through_the_input (iteration 1, ", output, StringComparison.Ordinal);
        Assert.Contains("NOT PROFILED: DOTNET_EnableDiagnostics=0 is set", output, StringComparison.Ordinal);
        Assert.Contains("vypr run: no CPU sample profile of Probe.Tests.InputTests.Steps_through_the_input: ", error, StringComparison.Ordinal);
        string campaign = Path.Combine(project.Directory, "campaign-profile-off");
        Assert.Contains("not profiled: DOTNET_EnableDiagnostics=0", File.ReadAllText(Path.Combine(campaign, "summary.md")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(campaign, "profiles"), "*.nettrace"));
        Assert.Single(Directory.GetFiles(Path.Combine(campaign, "1"), "*.json"));
    }

    // Every sample of the sample profiler, and those whose stack passes through a method of that name, as PerfView reads them.
    private static (int Samples, int InMethod) Samples(string trace, string method)
    {
        string etlx = TraceLog.CreateFromEventPipeDataFile(trace, Path.ChangeExtension(trace, ".etlx"));
        using var log = new TraceLog(etlx);
        int samples = 0;
        int inMethod = 0;
        foreach (TraceEvent sample in log.Events.Where(e => e.ProviderName == "Microsoft-DotNETCore-SampleProfiler"))
        {
            samples++;
            for (TraceCallStack? frame = sample.CallStack(); frame is not null; frame = frame.Caller)
            {
                if (frame.CodeAddress.FullMethodName.Contains(method, StringComparison.Ordinal))
                {
                    inMethod++;
                    break;
                }
            }
        }

        return (samples, inMethod);
    }
}

using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Cli.Tests;

/// <summary>
/// <c>vypr suggest</c> as a process on calls of a microsecond (FluentValidation's email validator): the proposed bound
/// is the floor, with the reason, not p99 + 20% of a microsecond that the first preemption of a CI machine exceeds.
/// </summary>
public sealed class SuggestFloorTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private static readonly DateTimeOffset s_started = new(2026, 11, 29, 7, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("vypr-cli-suggest-").FullName;

    [Fact]
    public async Task Calls_of_a_microsecond_get_the_floor_and_the_reason_and_the_floor_can_be_changed()
    {
        WriteRun();

        (int exit, string output, string error) = await Vypr("suggest", _directory);
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("[MaxDuration(\"5ms\")] // Sample.Mail.IsValid(string): p99 ", output, StringComparison.Ordinal);
        Assert.Contains("; the floor 5ms decides the bound (p99 +20% is ", output, StringComparison.Ordinal);

        (exit, output, error) = await Vypr("suggest", _directory, "--floor", "20ms");
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("[MaxDuration(\"20ms\")] // ", output, StringComparison.Ordinal);

        (exit, output, error) = await Vypr("suggest", _directory, "--floor", "0");
        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("[MaxDuration(\"1.3us\")] // ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("floor", output, StringComparison.Ordinal);

        (exit, output, error) = await Vypr("suggest", _directory, "--floor", "soon");
        Assert.True(exit == 2, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("--floor soon: expected a duration such as 250ms", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // Ten calls of 1 µs at one call site, the bound 10 ms: p99 + 20% is 1.2 µs, rounded up 1.2-1.3 µs.
    private void WriteRun()
    {
        var specification = new SpecificationInfo(1, "M:Sample.Mail.IsValid(System.String)", "Sample.Mail.IsValid(string)", "MaxDuration(\"10ms\")", 10_000_000);
        var site = new CallSiteInfo(1, 1, "/src/Sample.Tests/MailTests.cs", 12, 5, "Sample.Tests.MailTests.Valid", "Sample.Tests");
        VerdictInfo[] verdicts = Enumerable.Range(1, 10).Select(i => new VerdictInfo(
            i, 1, 1, 1, 7, s_started.AddMilliseconds(i), 1_000 + i, true, (10_000_000 - 1_000 - i) / 1e6, false,
            [new ObservationInfo("duration", 1_000 + i, "ns", "<= 10ms", true)])).ToArray();
        var document = new RunDocument(
            RunDocument.CurrentSchema,
            new RunInfo(Guid.NewGuid(), "Sample.Tests", s_started, s_started.AddSeconds(1), "host; Linux; X64; 2 cores", ".NET 10.0.0", null, null),
            [specification],
            [site],
            [new TestInfo(1, "Sample.Tests.MailTests.Valid", s_started, s_started.AddMilliseconds(20), "Passed")],
            verdicts)
        {
            Summaries = [new CallSiteSummary(1, 1, 10, 0, 0, 1_001, 1_010, 10_055)],
        };
        ResultsFile.Write(document, _directory);
    }

    private Task<(int ExitCode, string Output, string Error)> Vypr(params string[] args) => VyprProcess.RunAsync(_directory, s_timeout, args);
}

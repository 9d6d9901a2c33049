using System;
using Vypr.Contracts;
using Vypr.Runtime;

namespace Vypr.Cli.Tests;

/// <summary>
/// A results file of a small run written in code: two tests, one method bounded at 200ms called three times, once
/// over its bound (300ms, by the second test, which failed), with what each test cost (the second shared the process);
/// the same method is also the scope of a fluent specification, checked four times at another call site.
/// </summary>
internal static class SampleRun
{
    public static readonly DateTimeOffset Started = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the run's results file into <paramref name="directory"/>.</summary>
    /// <returns>The run's ID and the file.</returns>
    public static (Guid RunId, string File) Write(string directory)
    {
        var runId = Guid.NewGuid();
        var specification = new SpecificationInfo(1, "Sample.Work.Step(int)|MaxDuration(200ms)", "Sample.Work.Step(int)", "MaxDuration(\"200ms\")", 200_000_000);
        var site = new CallSiteInfo(1, 1, "/src/Sample.Tests/WorkTests.cs", 12, 5, "Sample.Tests.WorkTests.Steps", "Sample.Tests");
        var fluent = new SpecificationInfo(2, "P:Sample.Specs.InnerCalls", "Sample.Work.Step(int)", "Forall(c = Calls(Inner)).Check(c.Duration() <= 1ms)", 0);
        var fluentSite = new CallSiteInfo(2, 2, "/src/Sample.Tests/WorkTests.cs", 20, 9, "Sample.Tests.WorkTests.Steps", "Sample.Tests");
        TestInfo[] tests =
        [
            new(1, "Sample.Tests.WorkTests.Fast", Started, Started.AddMilliseconds(120), "Passed")
            {
                Measurements = new TestMeasurements(120_000_000, 90_000_000, 1536, 0, 0, 0, 100L << 20, Exclusive: true),
            },
            new(2, "Sample.Tests.WorkTests.Slow", Started.AddSeconds(1), Started.AddSeconds(1).AddMilliseconds(450), "Failed")
            {
                Measurements = new TestMeasurements(450_000_000, 380_000_000, 3L << 30, 4, 2, 1, 200L << 20, Exclusive: false),
            },
        ];
        VerdictInfo[] verdicts =
        [
            Verdict(1, 1, 50_000_000, true),
            Verdict(2, 1, 60_000_000, true),
            Verdict(3, 2, 300_000_000, false),
        ];
        var document = new RunDocument(
            RunDocument.CurrentSchema,
            new RunInfo(runId, "Sample.Tests", Started, Started.AddSeconds(2), "host; Linux; X64; 2 cores", ".NET 10.0.0", "0123456789abcdef0123456789abcdef01234567", "main")
            {
                Dirty = true,
                CiProvider = "gitlab-ci",
                CiJobUrl = "https://gitlab.example/team/product/-/jobs/77",
            },
            [specification, fluent],
            [site, fluentSite],
            tests,
            verdicts)
        {
            Summaries =
            [
                new CallSiteSummary(1, 1, 2, 0, 0, 50_000_000, 60_000_000, 110_000_000),
                new CallSiteSummary(2, 1, 1, 1, 0, 300_000_000, 300_000_000, 300_000_000),
                new CallSiteSummary(1, 2, 4, 0, 0, 1_000_000, 4_000_000, 10_000_000),
            ],
        };
        return (runId, ResultsFile.Write(document, directory));
    }

    private static VerdictInfo Verdict(long sequence, int test, long nanoseconds, bool value) => new(
        sequence,
        1,
        1,
        test,
        7,
        Started.AddMilliseconds(sequence * 100),
        nanoseconds,
        value,
        (200_000_000 - nanoseconds) / 1e6,
        false,
        [new ObservationInfo("duration", nanoseconds, "ns", "<= 200ms", value)]);
}

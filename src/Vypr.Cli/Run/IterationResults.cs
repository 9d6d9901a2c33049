using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Vypr.Contracts;
using Vypr.Runtime;

namespace Vypr.Cli.Run;

/// <summary>One finished iteration with the results files its test runs wrote, read back.</summary>
internal sealed class IterationResults
{
    private IterationResults(IterationRecord record, IReadOnlyList<RunDocument> documents)
    {
        Record = record;
        Documents = documents;
        Tests = [.. documents.SelectMany(d => d.Tests)];
        FailedTests = [.. Tests.Where(t => t.Outcome == "Failed")];
        Calls = documents.Sum(d => d.Summaries.Sum(s => s.Calls));
        ViolationCount = documents.Sum(d => d.Summaries.Sum(s => s.Violations));
    }

    /// <summary>What the checkpoint keeps of the iteration.</summary>
    public IterationRecord Record { get; }

    /// <summary>The results of each test run (one per test assembly).</summary>
    public IReadOnlyList<RunDocument> Documents { get; }

    /// <summary>Every test that ran.</summary>
    public IReadOnlyList<TestInfo> Tests { get; }

    /// <summary>The tests whose outcome is <c>Failed</c>.</summary>
    public IReadOnlyList<TestInfo> FailedTests { get; }

    /// <summary>The verdicts on monitored calls, one per call and specification checking it (exact, from the summaries).</summary>
    public long Calls { get; }

    /// <summary>The violated verdicts (exact, from the summaries).</summary>
    public long ViolationCount { get; }

    /// <summary>Whether a test process failed (a failed test, a lost verdict) even where no test says so.</summary>
    public bool ProcessFailed => Record.ExitCodes.Any(code => code != 0);

    /// <summary>Whether the iteration stops a fail-fast campaign and fails the job: a failed test or process, or a false verdict.</summary>
    public bool Failed => ProcessFailed || FailedTests.Count > 0 || ViolationCount > 0;

    /// <summary>Reads an iteration's results files.</summary>
    /// <param name="campaignDirectory">The campaign directory the record's paths are relative to.</param>
    /// <param name="record">The iteration.</param>
    /// <returns>The iteration with its results.</returns>
    /// <exception cref="InvalidDataException">A results file is malformed.</exception>
    /// <exception cref="IOException">A results file cannot be read.</exception>
    public static IterationResults Read(string campaignDirectory, IterationRecord record) =>
        new(record, [.. record.ResultsFiles.Select(f => ResultsFile.Read(Path.Combine(campaignDirectory, f)))]);

    /// <summary>Every violated verdict with what describes it.</summary>
    /// <returns>The violations, in the order they were decided within each run.</returns>
    public IEnumerable<Violation> Violations()
    {
        foreach (RunDocument document in Documents)
        {
            var specifications = document.Specifications.ToDictionary(s => s.Id);
            var callSites = document.CallSites.ToDictionary(c => c.Id);
            var tests = document.Tests.ToDictionary(t => t.Id);
            foreach (VerdictInfo verdict in document.Verdicts.Where(v => !v.Value))
            {
                if (!specifications.TryGetValue(verdict.SpecificationId, out SpecificationInfo? specification) ||
                    !callSites.TryGetValue(verdict.CallSiteId, out CallSiteInfo? callSite))
                {
                    throw new InvalidDataException($"run {document.Run.RunId}: verdict {verdict.Sequence} names a specification or call site the run does not hold");
                }

                CallSiteInfo? observedAt = verdict.Observations.Count > 0 && verdict.Observations[0].CallSiteId != 0
                    && callSites.TryGetValue(verdict.Observations[0].CallSiteId, out CallSiteInfo? site) ? site : null;
                yield return new Violation(Record, verdict, specification, callSite, observedAt, tests.GetValueOrDefault(verdict.TestId));
            }
        }
    }
}

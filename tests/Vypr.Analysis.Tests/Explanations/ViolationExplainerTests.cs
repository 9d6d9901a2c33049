using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Analysis.Explanations;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Analysis.Tests.Explanations;

public sealed class ViolationExplainerTests
{
    [Fact]
    public void The_call_site_whose_calls_violate_is_ranked_first_with_its_location_and_rates()
    {
        RunDocument run = Documents.Uploader(siteNineCalls: 50, siteNineViolations: 48, siteTenCalls: 120);
        Explanation e = Assert.Single(ViolationExplainer.Explain([run]));
        Assert.Equal(48, e.Violations);
        Assert.Equal(170, e.Calls);
        // The captured length separates perfectly (100% vs 0%) and ranks first; the call site comes next (96% vs 0%).
        Assert.Equal(ExplanationKind.CapturedValue, e.Candidates[0].Kind);
        Candidate top = e.Candidates.First(c => c.Kind == ExplanationKind.CallSite);
        Assert.Equal(top, e.Candidates[1]);
        Assert.Equal("/repo/samples/Uploader/PayloadValidator.cs:13:22", top.Location);
        Assert.Equal("calls from PayloadValidator.cs:13 violate in 96% of cases (48/50), others in 0% (0/120); p = " + top.PValue.ToString("G2", System.Globalization.CultureInfo.InvariantCulture), top.ToString());
        Assert.True(top.PValue < 1e-10);
    }

    [Fact]
    public void A_captured_length_is_split_at_the_threshold_that_separates_violations()
    {
        RunDocument run = Documents.Uploader(siteNineCalls: 50, siteNineViolations: 48, siteTenCalls: 120);
        Explanation e = ViolationExplainer.Explain([run]).Single();
        Candidate value = e.Candidates.First(c => c.Kind == ExplanationKind.CapturedValue);
        Assert.Equal("calls with len(payload.Intervals) > 59", value.Group);
        Assert.Equal(1.0, value.GroupRate);
        Assert.Equal(0.0, value.OtherRate);
    }

    [Fact]
    public void Specifications_without_violations_need_no_explanation()
    {
        RunDocument run = Documents.Uploader(siteNineCalls: 10, siteNineViolations: 0, siteTenCalls: 10);
        Assert.Empty(ViolationExplainer.Explain([run]));
    }
}

/// <summary>Results documents shaped like the Uploader sample's.</summary>
internal static class Documents
{
    public static RunDocument Uploader(int siteNineCalls, int siteNineViolations, int siteTenCalls, string machine = "ci; Linux; 2 cores", double scale = 1, string commit = "abc1234", DateTimeOffset? startedAt = null)
    {
        DateTimeOffset start = startedAt ?? new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);
        var spec = new SpecificationInfo(6, "M:Uploader.IovOrderRule.Validate(Uploader.Payload)~System.String MaxDuration(\"20ms\")", "Uploader.IovOrderRule.Validate(Uploader.Payload)", "MaxDuration(\"20ms\")", 20_000_000);
        var sites = new List<CallSiteInfo>
        {
            new(9, 6, "/repo/samples/Uploader/PayloadValidator.cs", 13, 22, "Uploader.PayloadValidator.Validate(Uploader.Payload)", "Uploader"),
            new(10, 6, "/repo/samples/Uploader/BatchValidator.cs", 40, 9, "Uploader.BatchValidator.Validate(Uploader.Batch)", "Uploader"),
        };
        var tests = new List<TestInfo>
        {
            new(1, "Uploader.Tests.UploadTests.Bulk", start, start.AddSeconds(2), "Passed"),
            new(2, "Uploader.Tests.UploadTests.Small", start, start.AddSeconds(1), "Passed"),
        };
        var verdicts = new List<VerdictInfo>();
        long sequence = 0;
        var random = new Random(siteNineCalls + siteTenCalls);
        void Add(int site, int test, bool violated, int intervals)
        {
            long duration = (long)(scale * (violated ? 30_000_000 + random.Next(1_000_000) : 5_000_000 + random.Next(1_000_000)));
            verdicts.Add(new VerdictInfo(++sequence, 6, site, test, 1, start, duration, !violated, 20_000_000 - duration, false,
            [
                new ObservationInfo("duration", duration, "ns", "<= 20ms", !violated),
                new ObservationInfo("len(payload.Intervals)", intervals, "count", "(captured)", true),
            ]));
        }

        for (int i = 0; i < siteNineCalls; i++)
        {
            bool violated = i < siteNineViolations;
            Add(9, 1, violated, violated ? 1500 + i : 10 + i);
        }

        for (int i = 0; i < siteTenCalls; i++)
        {
            Add(10, 2, false, 5 + (i % 50));
        }

        var summaries = new List<CallSiteSummary>
        {
            new(1, 9, siteNineCalls, siteNineViolations, 0, 1, 1, 1),
            new(2, 10, siteTenCalls, 0, 0, 1, 1, 1),
        };
        return new RunDocument(RunDocument.CurrentSchema,
            new RunInfo(Guid.NewGuid(), "Uploader.Tests", start, start.AddSeconds(5), machine, ".NET 10.0.12", commit, "main"),
            [spec], sites, tests, verdicts) { Summaries = summaries };
    }
}

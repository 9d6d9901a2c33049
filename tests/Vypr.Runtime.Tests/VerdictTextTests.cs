using System;
using System.Linq;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Runtime.Tests;

public sealed class VerdictTextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_table_lists_satisfied_violated_and_unreached_specifications()
    {
        SpecificationInfo hash = new(1, "M:Hash", "Up.Hash(byte[])", "MaxDuration(\"50ms\")", 50_000_000);
        SpecificationInfo store = new(2, "M:Store", "Up.Store()", "MaxDuration(\"5ms\")", 5_000_000);
        SpecificationInfo never = new(3, "M:Never", "Up.Never()", "MaxDuration(\"1s\")", 1_000_000_000);
        var document = new RunDocument(
            RunDocument.CurrentSchema,
            new RunInfo(Guid.Empty, "Up.Tests", At, At, "m", "r", null, null),
            [hash, store, never],
            [new CallSiteInfo(1, 1, "/src/Up.cs", 10, 5, "Up.Run()", "Up"), new CallSiteInfo(2, 2, "/src/Up.cs", 11, 5, "Up.Run()", "Up")],
            [new TestInfo(1, "Up.Tests.Run", At, At, "Passed")],
            [Verdict(1, 2, 2, 7_500_000, store)])
        {
            Summaries =
            [
                new CallSiteSummary(1, 1, Calls: 2, Violations: 0, Threw: 0, 2_000_000, 4_000_000, 6_000_000),
                new CallSiteSummary(2, 1, Calls: 1, Violations: 0, Threw: 0, 1_000_000, 1_000_000, 1_000_000),
                new CallSiteSummary(1, 2, Calls: 1, Violations: 1, Threw: 0, 7_500_000, 7_500_000, 7_500_000),
            ],
        };

        string[] lines = VerdictText.Table(document, _ => (0, [])).Split(Environment.NewLine);

        Assert.Matches(@"^ok\s+MaxDuration\(""50ms""\)\s+Up\.Hash\(byte\[\]\)\s+Up\.cs:10:5\s+3\s+0\s+1ms\s+2\.333ms\s+4ms$", lines[2]);
        Assert.Matches(@"^VIOLATED\s+MaxDuration\(""5ms""\)\s+Up\.Store\(\)\s+Up\.cs:11:5\s+1\s+1\s+7\.5ms\s+7\.5ms\s+7\.5ms$", lines[3]);
        Assert.Matches(@"^not reached\s+MaxDuration\(""1s""\)\s+Up\.Never\(\)\s+-\s+0\s+0", lines[4]);
        Assert.Equal("4 verdicts on monitored calls (one per call and specification): 3 satisfied, 1 violated; 3 specifications, 1 not reached by any call", lines[^1]);
    }

    [Fact]
    public void The_total_counts_verdicts_and_says_so_when_one_call_is_checked_by_two_specifications()
    {
        // FluentValidation's BuildMessage: a [MaxDuration] and a fluent specification scoped on it, one call.
        SpecificationInfo bound = new(1, "M:Build", "Up.Build()", "MaxDuration(\"5ms\")", 5_000_000);
        SpecificationInfo formula = new(2, "P:Up.Specs.Build", "Up.Build()", "Forall(t = Calls(Replace)).Check(t.Duration() <= 5ms)", 0);
        var document = new RunDocument(
            RunDocument.CurrentSchema,
            new RunInfo(Guid.Empty, "Up.Tests", At, At, "m", "r", null, null),
            [bound, formula],
            [new CallSiteInfo(1, 1, "/src/UpTests.cs", 10, 5, "UpTests.Run()", "Up.Tests"), new CallSiteInfo(2, 2, "/src/UpTests.cs", 10, 5, "UpTests.Run()", "Up.Tests")],
            [new TestInfo(1, "Up.Tests.Run", At, At, "Passed")],
            [])
        {
            Summaries =
            [
                new CallSiteSummary(1, 1, Calls: 1, Violations: 0, Threw: 0, 1_000_000, 1_000_000, 1_000_000),
                new CallSiteSummary(1, 2, Calls: 1, Violations: 0, Threw: 0, 1_000_000, 1_000_000, 1_000_000),
            ],
        };

        string[] lines = VerdictText.Table(document).Split(Environment.NewLine);

        Assert.Equal("2 verdicts on monitored calls (one per call and specification): 2 satisfied, 0 violated; 2 specifications, 0 not reached by any call", lines[^1]);
    }

    [Fact]
    public void A_specification_whose_calls_were_not_woven_is_not_woven_in_the_table_with_the_count_and_the_report_to_read()
    {
        SpecificationInfo hash = new(1, "M:Hash", "Up.Hash(byte[])", "MaxDuration(\"50ms\")", 50_000_000);
        SpecificationInfo check = new(2, "M:Check", "Up.NotEmptyRule<T>.Check(T)", "MaxDuration(\"5ms\")", 5_000_000);
        SpecificationInfo never = new(3, "M:Never", "Up.Never()", "MaxDuration(\"1s\")", 1_000_000_000);
        var document = new RunDocument(
            RunDocument.CurrentSchema,
            new RunInfo(Guid.Empty, "Up.Tests", At, At, "m", "r", null, null),
            [hash, check, never],
            [new CallSiteInfo(1, 1, "/src/Up.cs", 10, 5, "Up.Run()", "Up")],
            [new TestInfo(1, "Up.Tests.Run", At, At, "Passed")],
            [])
        {
            Summaries = [new CallSiteSummary(1, 1, Calls: 1, Violations: 0, Threw: 0, 1_000_000, 1_000_000, 1_000_000)],
        };

        string[] lines = VerdictText.Table(document, id => id == 2 ? (1262, ["Up", "Up.Tests"]) : (0, [])).Split(Environment.NewLine);

        Assert.Matches(@"^not woven\s+MaxDuration\(""5ms""\)\s+Up\.NotEmptyRule<T>\.Check\(T\)\s+1262 call sites not woven \(see vypr-weaving\.md of Up, Up\.Tests\)\s+0\s+0", lines[3]);
        Assert.Matches(@"^not reached\s+MaxDuration\(""1s""\)\s+Up\.Never\(\)\s+-\s+0\s+0", lines[4]);
        Assert.Equal("1 verdict on monitored calls (one per call and specification): 1 satisfied, 0 violated; 3 specifications, 1 not reached by any call, 1 with calls not woven (set <VyprWeaving>IL</VyprWeaving> to time them)", lines[^1]);
    }

    [Fact]
    public void Unwoven_calls_registered_by_several_assemblies_add_up_and_an_assembly_loaded_twice_counts_once()
    {
        int id = MonitorRegistry.RegisterSpecification("M:Unwoven." + Guid.NewGuid().ToString("N"), "Up.Unwoven()", "MaxDuration(\"1s\")", 1_000_000_000);
        Assert.Equal(0, MonitorRegistry.UnwovenCalls(id).CallSites);

        MonitorRegistry.RegisterUnwovenCalls(id, 3, "Up.Tests");
        MonitorRegistry.RegisterUnwovenCalls(id, 2, "Up");
        MonitorRegistry.RegisterUnwovenCalls(id, 3, "Up.Tests");

        (int callSites, System.Collections.Generic.IReadOnlyList<string> assemblies) = MonitorRegistry.UnwovenCalls(id);
        Assert.Equal(5, callSites);
        Assert.Equal(["Up", "Up.Tests"], assemblies);
    }

    [Fact]
    public void Unwoven_calls_of_a_specification_in_the_language_are_registered_by_its_key_before_or_after_the_specification_itself()
    {
        // The quantified calls of a scope may be compiled in an assembly that registers before the one declaring
        // the specification: both must name one specification.
        string key = "P:Unwoven.Spec" + Guid.NewGuid().ToString("N");
        MonitorRegistry.RegisterUnwovenCalls(key, 2, "Up");
        int id = MonitorRegistry.RegisterFormula(key, "Up.Writer.Next()", static () => Specification.For<VerdictTextTests>(nameof(Unwoven_calls_registered_by_several_assemblies_add_up_and_an_assembly_loaded_twice_counts_once))
            .Forall("t", Calls.To<VerdictTextTests>(nameof(A_violation_reads_as_specification_place_observed_and_bound)))
            .Check(t => t.Duration() <= Duration.Seconds(1)));
        MonitorRegistry.RegisterUnwovenCalls(key, 1, "Up.Tests");

        (int callSites, System.Collections.Generic.IReadOnlyList<string> assemblies) = MonitorRegistry.UnwovenCalls(id);
        Assert.Equal(3, callSites);
        Assert.Equal(["Up", "Up.Tests"], assemblies);
    }

    [Fact]
    public void A_violation_reads_as_specification_place_observed_and_bound()
    {
        SpecificationInfo store = new(2, "M:Store", "Up.Store()", "MaxDuration(\"5ms\")", 5_000_000);
        var site = new CallSiteInfo(2, 2, "/src/Up.cs", 11, 5, "Up.Run()", "Up");

        string text = VerdictText.Describe(Verdict(1, 2, 2, 7_500_000, store), store, site);

        Assert.Equal("MaxDuration(\"5ms\") on Up.Store() at /src/Up.cs:11:5: took 7.5ms, bound 5ms (2.5ms over)", text);
    }

    [Fact]
    public void A_violation_of_a_specification_in_the_language_reads_as_its_deciding_observation()
    {
        SpecificationInfo writes = new(4, "P:Up.Specs.Writes", "Up.Upload(string)", "Forall(t = Calls(Write)).Check(t.Duration() <= 5ms)", 0);
        var scopeCall = new CallSiteInfo(7, 4, "/src/UpTests.cs", 29, 18, "UpTests.Run()", "Up.Tests");
        var write = new CallSiteInfo(8, 4, "/src/Up.cs", 20, 54, "Up.Upload(string)", "Up");
        var verdict = new VerdictInfo(
            9, 4, 7, 1, 1, At, 20_400_000, false, -15_400_000, false,
            [new ObservationInfo("t.Duration()", 20_400_000, "ns", "<= 5ms", false, 8)]);

        string text = VerdictText.Describe(verdict, writes, scopeCall, write);

        Assert.Equal(
            "Forall(t = Calls(Write)).Check(t.Duration() <= 5ms) on Up.Upload(string) at /src/UpTests.cs:29:18: decided by t.Duration() = 20.4ms, <= 5ms, which failed (at /src/Up.cs:20:54)",
            text);
    }

    [Fact]
    public void Random_runs_tables_have_the_rows_order_and_statistics_of_the_reference_definition()
    {
        // The table is built with plain loops; the reference below is its definition with LINQ (stable ordering by
        // specification, file and line; statistics summed over every test at a site).
        var random = new Random(20261129);
        for (int round = 0; round < 300; round++)
        {
            SpecificationInfo[] specifications = Enumerable.Range(1, random.Next(1, 6))
                .Select(id => new SpecificationInfo(id, "M:S" + id, "Up.M" + id + "()", "MaxDuration(\"" + id + "ms\")", id * 1_000_000L))
                .ToArray();
            string[] files = ["/src/b.cs", "/src/a.cs", "/src/A.cs", "/other/a.cs"];
            CallSiteInfo[] sites = Enumerable.Range(1, random.Next(0, 9))
                .Select(id => new CallSiteInfo(id, random.Next(1, specifications.Length + 1), files[random.Next(files.Length)], random.Next(1, 4), id, "Up.Run()", "Up"))
                .ToArray();
            CallSiteSummary[] summaries = sites.Length == 0 ? [] : Enumerable.Range(0, random.Next(0, 12))
                .Select(_ =>
                {
                    long min = random.Next(1, 1_000_000);
                    long max = min + random.Next(0, 1_000_000);
                    long calls = random.Next(1, 5);
                    return new CallSiteSummary(random.Next(1, 4), sites[random.Next(sites.Length)].Id, calls, random.Next(0, (int)calls + 1), 0, min, max, (min + max) * calls / 2);
                })
                .ToArray();
            var document = new RunDocument(RunDocument.CurrentSchema, new RunInfo(Guid.Empty, "Up.Tests", At, At, "m", "r", null, null), specifications, sites, [], [])
            {
                Summaries = summaries,
            };

            Assert.Equal(ReferenceRows(document), VerdictText.Table(document, _ => (0, [])).Split(Environment.NewLine).Skip(2).SkipLast(1).Select(Cells).ToArray());
        }
    }

    private static string[] Cells(string row) => System.Text.RegularExpressions.Regex.Split(row.Trim(), @"\s{2,}");

    private static string[][] ReferenceRows(RunDocument document)
    {
        var specifications = document.Specifications.ToDictionary(s => s.Id);
        var bySite = document.Summaries.ToLookup(s => s.CallSiteId);
        var reached = new System.Collections.Generic.HashSet<int>();
        var rows = new System.Collections.Generic.List<string[]>();
        foreach (CallSiteInfo site in document.CallSites.OrderBy(s => s.SpecificationId).ThenBy(s => s.File).ThenBy(s => s.Line))
        {
            CallSiteSummary[] ofSite = bySite[site.Id].ToArray();
            long calls = ofSite.Sum(s => s.Calls);
            if (calls == 0)
            {
                continue;
            }

            reached.Add(site.SpecificationId);
            long violations = ofSite.Sum(s => s.Violations);
            rows.Add(
            [
                violations == 0 ? "ok" : "VIOLATED", specifications[site.SpecificationId].Text, specifications[site.SpecificationId].Method,
                $"{System.IO.Path.GetFileName(site.File)}:{site.Line}:{site.Column}", calls.ToString(), violations.ToString(),
                DurationText.FormatNanoseconds(ofSite.Min(s => s.MinNanoseconds)), DurationText.FormatNanoseconds((double)ofSite.Sum(s => s.TotalNanoseconds) / calls),
                DurationText.FormatNanoseconds(ofSite.Max(s => s.MaxNanoseconds)),
            ]);
        }

        rows.AddRange(document.Specifications.Where(s => !reached.Contains(s.Id)).Select(s => new[] { "not reached", s.Text, s.Method, "-", "0", "0", "-", "-", "-" }));
        return rows.ToArray();
    }

    private static VerdictInfo Verdict(long sequence, int specification, int site, long duration, SpecificationInfo spec) =>
        new(sequence, specification, site, 1, 1, At, duration, duration <= spec.BoundNanoseconds, spec.BoundNanoseconds - duration, false, []);
}

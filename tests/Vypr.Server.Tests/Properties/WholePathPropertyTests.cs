using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Contracts.Reads;
using Vypr.Server.Tests.Harness;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Server.Tests.Properties;

/// <summary>
/// Generated run documents (seeded) with values of every kind go through <c>POST /api/v1/ingest</c> into a real
/// store and back out of the read API: a valid one comes back unchanged (non-finite doubles as documented, instants
/// as the same instant in UTC), an invalid one (a text empty, too long, with NUL or an unpaired surrogate) gets a
/// 400 naming one of its invalid fields and stores nothing. VYPR_PROPERTY_CASES sets the cases per store (default
/// 120), VYPR_PROPERTY_SEED the seed (default fixed, so a failure reproduces).
/// </summary>
public sealed class WholePathPropertyTests
{
    private const int ShortText = 256;
    private const int NameText = 4_096;
    private const int LongText = 16_384;

    // A method's name and a call site's file: also at most 2,048 UTF-8 bytes (they are unique keys). Generated up
    // to 2,048 characters, so that both the character and the byte limit are met and crossed.
    private const int KeyText = 2_048;
    private const int KeyTextBytes = 2_048;

    public static TheoryData<StoreKind> Stores => [StoreKind.Sqlite, StoreKind.PostgreSql];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Generated_documents_come_back_from_the_read_api_exactly_or_are_refused_naming_an_invalid_field(StoreKind kind)
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("VYPR_PROPERTY_CASES"), CultureInfo.InvariantCulture, out int n) ? n : 120;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("VYPR_PROPERTY_SEED"), CultureInfo.InvariantCulture, out int s) ? s : 20261128;
        var random = new RandomValues(seed + (int)kind);
        await using TestStore store = await TestStore.CreateAsync(kind);
        await using RunningServer server = await RunningServer.StartAsync(store);
        int valid = 0;

        for (int i = 0; i < cases; i++)
        {
            (RunDocument document, List<string> invalid) = Generate(random, i);
            string json = Documents.Json(document);
            // The writer refuses to write an unpaired surrogate; its stand-in becomes one in the JSON text.
            json = json.Replace("\\uE000", "\\ud800", StringComparison.Ordinal).Replace("\\ue000", "\\ud800", StringComparison.Ordinal);
            string context = $"seed {seed}, store {kind}, case {i}";
            if (invalid.Count > 0)
            {
                IReadOnlyDictionary<string, long> before = await StoreCounts.ReadAsync(store);
                JsonElement problem = await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(json), 400);
                string named = Assert.Single(problem.GetProperty("errors").EnumerateObject()).Name;
                Assert.True(invalid.Contains(named), $"{context}: the 400 named {named}, not one of {string.Join(", ", invalid)}");
                Assert.Equal(before, await StoreCounts.ReadAsync(store));
                continue;
            }

            valid++;
            await Http.PostAsync(server.Client, "api/v1/ingest", Documents.JsonContent(json), 200);
            await AssertReadBackAsync(server, document, context);
        }

        Assert.True(valid >= cases / 3, $"only {valid} of {cases} generated documents were valid");
    }

    private static (RunDocument Document, List<string> Invalid) Generate(RandomValues random, int index)
    {
        var invalid = new List<string>();
        string Text(string path, int maxLength, string prefix = "", int maxBytes = int.MaxValue)
        {
            (string text, bool _) = random.Text(maxLength - prefix.Length, invalidPercent: 2);
            text = prefix + text;
            // Judged here from the documented rules, not from how the text was made (a prefix fills an empty one).
            bool valid = text.Length > 0 && text.Length <= maxLength && Encoding.UTF8.GetByteCount(text) <= maxBytes
                && !text.Contains('\0', StringComparison.Ordinal) && !text.Contains(RandomValues.LoneSurrogate, StringComparison.Ordinal);
            if (!valid)
            {
                invalid.Add(path);
            }

            return text;
        }

        DateTimeOffset started = random.Instant();
        DateTimeOffset ended = random.Instant();
        if (ended < started)
        {
            (started, ended) = (ended, started);
        }

        var run = new RunInfo(
            Guid.NewGuid(),
            Text("$.run.assembly", NameText),
            started,
            ended,
            Text("$.run.machine", NameText),
            Text("$.run.runtime", NameText),
            random.Chance(20) ? null : Text("$.run.commit", ShortText),
            random.Chance(20) ? null : Text("$.run.branch", NameText));
        int specificationId = random.PositiveInt();
        int callSiteId = random.PositiveInt();
        int testId = random.PositiveInt();
        // Unique per case, so that each case's method and specification are found again by their names.
        var specification = new SpecificationInfo(
            specificationId,
            Text("$.specifications[0].key", LongText, $"k{index}:"),
            Text("$.specifications[0].method", KeyText, $"m{index}:", KeyTextBytes),
            Text("$.specifications[0].text", LongText),
            random.Long(0));
        var site = new CallSiteInfo(callSiteId, specificationId, Text("$.callSites[0].file", KeyText, maxBytes: KeyTextBytes), random.PositiveInt(), random.PositiveInt(), Text("$.callSites[0].caller", NameText), Text("$.callSites[0].assembly", NameText));
        DateTimeOffset testStarted = random.Instant();
        DateTimeOffset? testEnded = random.Chance(30) ? null : testStarted.AddTicks(random.LongUpTo(Math.Min(1_000_000_000_000, (DateTimeOffset.MaxValue - testStarted).Ticks / 10 - 1)) * 10);
        var test = new TestInfo(testId, Text("$.tests[0].name", NameText), testStarted, testEnded, random.Chance(30) ? null : Text("$.tests[0].outcome", ShortText));
        ObservationInfo[] observations = [.. Enumerable.Range(0, random.Int(1, 4)).Select(j => new ObservationInfo(
            Text($"$.verdicts[0].observations[{j}].term", ShortText),
            random.Double(),
            Text($"$.verdicts[0].observations[{j}].unit", ShortText),
            Text($"$.verdicts[0].observations[{j}].condition", ShortText),
            random.Chance(50)))];
        var verdict = new VerdictInfo(random.Long(1), specificationId, callSiteId, testId, random.AnyInt(), random.Instant(), random.Long(0), random.Chance(50), random.Double(), random.Chance(50), observations);
        long total = random.Long(0);
        long max = random.LongUpTo(total);
        long calls = random.Long(0);
        var summary = new CallSiteSummary(testId, callSiteId, calls, random.LongUpTo(calls), random.LongUpTo(calls), random.LongUpTo(max), max, total);
        return (new RunDocument(RunDocument.CurrentSchema, run, [specification], [site], [test], [verdict]) { Summaries = [summary] }, invalid);
    }

    private static async Task AssertReadBackAsync(RunningServer server, RunDocument sent, string context)
    {
        Guid runId = sent.Run.RunId;
        RunItem run = await Http.GetAsync<RunItem>(server.Anonymous, $"api/v1/runs/{runId}");
        Assert.True(
            (run.Assembly, run.Machine, run.Runtime, run.Commit, run.Branch, run.StartedAt, run.EndedAt) ==
            (sent.Run.Assembly, sent.Run.Machine, sent.Run.Runtime, sent.Run.Commit, sent.Run.Branch, sent.Run.StartedAt, sent.Run.EndedAt),
            $"{context}: run {run} differs from {sent.Run}");

        TestInfo sentTest = sent.Tests[0];
        TestItem test = Assert.Single((await Http.GetAsync<Page<TestItem>>(server.Anonymous, $"api/v1/runs/{runId}/tests")).Items);
        Assert.True(
            (test.Name, test.Outcome, test.StartedAt, test.EndedAt, test.WallTimeMilliseconds) ==
            (sentTest.Name, sentTest.Outcome, sentTest.StartedAt, sentTest.EndedAt, sentTest.EndedAt is { } e ? (e - sentTest.StartedAt).TotalMilliseconds : null),
            $"{context}: test {test} differs from {sentTest}");

        CallSiteSummary sentSummary = sent.Summaries[0];
        SummaryItem summary = Assert.Single((await Http.GetAsync<Page<SummaryItem>>(server.Anonymous, $"api/v1/runs/{runId}/summaries")).Items);
        double mean = sentSummary.Calls == 0 ? 0 : (double)sentSummary.TotalNanoseconds / sentSummary.Calls;
        Assert.True(
            (summary.Calls, summary.Violations, summary.Threw, summary.MinNanoseconds, summary.MaxNanoseconds, summary.MeanNanoseconds) ==
            (sentSummary.Calls, sentSummary.Violations, sentSummary.Threw, sentSummary.MinNanoseconds, sentSummary.MaxNanoseconds, mean),
            $"{context}: summary {summary} differs from {sentSummary}");

        SpecificationInfo sentSpecification = sent.Specifications[0];
        MethodItem method = Assert.Single((await Http.GetAsync<Page<MethodItem>>(server.Anonymous, $"api/v1/methods?after={summary.MethodId - 1}&limit=1")).Items);
        Assert.Equal(sentSpecification.Method, method.Name);
        SpecificationItem specification = Assert.Single((await Http.GetAsync<Page<SpecificationItem>>(server.Anonymous, $"api/v1/specifications?method={summary.MethodId}")).Items);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sentSpecification.Key)));
        Assert.True(
            (specification.Text, specification.Hash, specification.BoundNanoseconds, specification.Version) == (sentSpecification.Text, hash, sentSpecification.BoundNanoseconds, 1L),
            $"{context}: specification {specification} differs from {sentSpecification}");

        VerdictInfo sentVerdict = sent.Verdicts[0];
        CallItem call = Assert.Single((await Http.GetAsync<Page<CallItem>>(server.Anonymous, $"api/v1/methods/{summary.MethodId}/calls?run={runId}")).Items);
        Assert.True(
            (call.Sequence, call.ThreadId, call.StartedAt, call.DurationNanoseconds, call.Threw, call.Value, Bits(call.Severity)) ==
            (sentVerdict.Sequence, (long)sentVerdict.ThreadId, sentVerdict.StartedAt, sentVerdict.DurationNanoseconds, sentVerdict.Threw, sentVerdict.Value, Bits(sentVerdict.Severity)),
            $"{context}: call {call} differs from {sentVerdict}");

        CallDetail detail = await Http.GetAsync<CallDetail>(server.Anonymous, $"api/v1/calls/{call.Id}");
        CallSiteInfo sentSite = sent.CallSites[0];
        Assert.True(
            (detail.CallSite.File, detail.CallSite.Line, detail.CallSite.Column, detail.CallSite.Caller, detail.CallSite.Assembly) ==
            (sentSite.File, (long)sentSite.Line, (long)sentSite.Column, sentSite.Caller, sentSite.Assembly),
            $"{context}: call site {detail.CallSite} differs from {sentSite}");
        VerdictItem verdict = Assert.Single(detail.Verdicts);
        Assert.Equal(Bits(sentVerdict.Severity), Bits(verdict.Severity));
        Assert.Equal(
            sentVerdict.Observations.Select(o => (o.Term, Bits(o.Value), o.Unit, o.Condition, o.Satisfied)),
            verdict.Observations.Select(o => (o.Term, Bits(o.Value), o.Unit, o.Condition, o.Satisfied)));
    }

    // Every bit of a double comes back, -0.0 included; NaN's payload is not part of the format.
    private static long Bits(double value) => double.IsNaN(value) ? long.MaxValue : BitConverter.DoubleToInt64Bits(value);
}

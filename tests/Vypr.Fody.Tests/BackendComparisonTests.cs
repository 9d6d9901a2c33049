using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Tests.Shared;
using Xunit;

namespace Vypr.Fody.Tests;

/// <summary>
/// The same specifications give the same verdicts on both backends: the uploader sample's tests run once against the
/// sample as it builds (interceptors) and once against the same sources woven by IL (tests/Vypr.Fody.Uploader), and
/// every specification is compared: its key and method, its verdicts and the tests they are attributed to; for the
/// specifications in the language (whose scoped method the IL backend weaves in its own body), also the values every
/// verdict observed other than durations. Whether a call met its bound depends on how loaded the machine is at that
/// moment, so violations are compared only where the sample guarantees them: the quadratic rule's bulk call, several
/// times over its bound on any machine.
/// </summary>
public sealed class BackendComparisonTests
{
    [Fact]
    public async Task The_uploader_sample_gives_the_same_verdicts_specification_by_specification_on_both_backends()
    {
        var report = new Dictionary<string, string> { ["VYPR_VIOLATIONS"] = "Report" };
        MonitoredProcess intercepted = await CallerRun.RunAsync(CallerRun.SampleTestsPath, report);
        MonitoredProcess woven = await CallerRun.RunAsync(CallerRun.WovenSampleTestsPath, report);
        Assert.True(intercepted.ExitCode == 0, intercepted.Output);
        Assert.True(woven.ExitCode == 0, woven.Output);

        Dictionary<string, Summary> expected = Summarise(intercepted.Results!);
        Dictionary<string, Summary> actual = Summarise(woven.Results!);

        // Eight [MaxDuration] bounds and two specifications in the language, in both.
        Assert.Equal(8, expected.Keys.Count(k => k.Contains(" MaxDuration(", System.StringComparison.Ordinal)));
        Assert.Equal(10, expected.Count);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        // Specifications in the language: ConditionsUploader.UploadAsync (async) is woven in its own body under IL, its
        // calls of Hash (sync, capturing an argument's length) and StoreAsync (async, capturing its result) and the
        // writes of the local 'compressed' observed in IL; the tests call it directly and record nothing more.
        foreach ((string key, Summary summary) in expected.Where(e => e.Key.StartsWith("P:", System.StringComparison.Ordinal)))
        {
            Summary other = actual[key];
            Assert.True(summary.Calls > 0, key);
            Assert.True(summary.Calls == other.Calls, $"{key}: {summary.Calls} verdicts intercepted, {other.Calls} woven");
            Assert.True(summary.Tests.SequenceEqual(other.Tests), $"{key}: attributed to [{string.Join(", ", summary.Tests)}] intercepted, [{string.Join(", ", other.Tests)}] woven");
            // A verdict whose duration failed may be decided before its other terms are read (a failed conjunct): its
            // values are compared only when neither backend's verdict failed on a duration, which depends on the load.
            for (int i = 0; i < summary.Observed.Count; i++)
            {
                (string test, string values, bool timedOut) = summary.Observed[i];
                (string otherTest, string otherValues, bool otherTimedOut) = other.Observed[i];
                Assert.Equal(test, otherTest);
                Assert.True(timedOut || otherTimedOut || values == otherValues, $"{key}, {test}: observed {values} intercepted, {otherValues} woven");
            }
        }

        foreach ((string key, Summary summary) in expected.Where(e => e.Key.EndsWith("\")", System.StringComparison.Ordinal) && e.Key.Contains(" MaxDuration(", System.StringComparison.Ordinal)))
        {
            Summary other = actual[key];
            Assert.True(summary.Method == other.Method, $"{key}: method {summary.Method} vs {other.Method}");
            Assert.True(summary.Calls == other.Calls, $"{key}: {summary.Calls} calls intercepted, {other.Calls} woven");
            Assert.True(summary.Tests.SequenceEqual(other.Tests), $"{key}: attributed to [{string.Join(", ", summary.Tests)}] intercepted, [{string.Join(", ", other.Tests)}] woven");
        }

        // The one deliberate violation, on both.
        string quadratic = expected.Single(e => e.Value.Method == "Uploader.IovOrderRule.Validate(Uploader.Payload)").Key;
        Assert.Equal((1, 1), (expected[quadratic].Violations, actual[quadratic].Violations));

        // Under IL the fluent verdicts come from the scoped method's own body, in the library; intercepted, from the
        // tests' calls of it.
        Dictionary<int, SpecificationInfo> interceptedSpecifications = intercepted.Results!.Specifications.ToDictionary(s => s.Id);
        Assert.All(
            woven.Results!.Verdicts.Where(v => woven.Results.Specifications.Single(s => s.Id == v.SpecificationId).Key.StartsWith("P:", System.StringComparison.Ordinal)),
            v => Assert.Equal(("Uploader", "Uploader.ConditionsUploader.UploadAsync(Uploader.Payload)"), (woven.Results.CallSites.Single(c => c.Id == v.CallSiteId).Assembly, woven.Results.CallSites.Single(c => c.Id == v.CallSiteId).Caller)));
        Assert.All(
            intercepted.Results.Verdicts.Where(v => interceptedSpecifications[v.SpecificationId].Key.StartsWith("P:", System.StringComparison.Ordinal)),
            v => Assert.Equal("Uploader.Tests", intercepted.Results.CallSites.Single(c => c.Id == v.CallSiteId).Assembly));

        // The woven bounds report the declaration as their call site, in the library; the intercepted ones the calls.
        Dictionary<int, SpecificationInfo> specifications = woven.Results!.Specifications.ToDictionary(s => s.Id);
        Assert.All(
            woven.Results.CallSites.Where(c => specifications[c.SpecificationId].Text.StartsWith("MaxDuration", System.StringComparison.Ordinal)),
            c => Assert.Equal(("Uploader", specifications[c.SpecificationId].Method), (c.Assembly, c.Caller)));
    }

    private sealed record Summary(string Method, int Calls, int Violations, IReadOnlyList<string> Tests, IReadOnlyList<(string Test, string Values, bool DurationFailed)> Observed);

    private static Dictionary<string, Summary> Summarise(RunDocument results)
    {
        Dictionary<int, string> tests = results.Tests.ToDictionary(t => t.Id, t => t.Name);
        return results.Specifications.ToDictionary(
            s => s.Key,
            s =>
            {
                VerdictInfo[] verdicts = results.Verdicts.Where(v => v.SpecificationId == s.Id).ToArray();
                return new Summary(
                    s.Method,
                    verdicts.Length,
                    verdicts.Count(v => !v.Value),
                    verdicts.Select(v => tests.GetValueOrDefault(v.TestId, "(none)")).Order(System.StringComparer.Ordinal).ToArray(),
                    verdicts
                        .OrderBy(v => tests.GetValueOrDefault(v.TestId, "(none)"), System.StringComparer.Ordinal)
                        .ThenBy(v => v.Sequence)
                        .Select(v => (
                            tests.GetValueOrDefault(v.TestId, "(none)"),
                            string.Join(", ", v.Observations
                                .Where(o => o.Unit != "ns")
                                .Select(o => $"{o.Term}={o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")),
                            v.Observations.Any(o => o.Unit == "ns" && !o.Satisfied)))
                        .ToArray());
            });
    }
}

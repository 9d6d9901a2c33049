using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Vypr.Contracts;
using Vypr.Runtime.Shipping;
using Vypr.Runtime.Tests.Shipping;
using Xunit;

namespace Vypr.Runtime.Tests.WholePath;

/// <summary>
/// The runtime's half of issue 8's "whole path" property: random values of every kind a probe captures go through
/// real generated probes and the monitor into verdicts, then into a results file and back, and into the shipper's
/// batches over HTTP to a server that parses them, and come out unchanged or represented exactly as
/// docs/results-format.md says (numbers as doubles, NaN/±Infinity as named literals, texts with NUL and unpaired
/// surrogates replaced by U+FFFD). Seeded: <c>VYPR_PROPERTY_SEED</c> repeats a run, <c>VYPR_PROPERTY_CASES</c> asks for more cases.
/// </summary>
public sealed class WholePathPropertyTests : IDisposable
{
    private const int CasesPerTest = 400; // under the retention limit of satisfied verdicts per test and call site

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vypr-whole-path-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_captured_value_survives_verdicts_results_file_and_shipper_batches_as_documented()
    {
        int seed = Setting("VYPR_PROPERTY_SEED", 20261128);
        int cases = Setting("VYPR_PROPERTY_CASES", 300);
        var generator = new CapturedValueGenerator(seed);
        var values = new CapturedValues();
        var expected = new List<(CapturedValueKind Kind, double Number, string? Text)>();
        var verdicts = new List<VerdictInfo>();
        for (int start = 0; start < cases; start += CasesPerTest)
        {
            using TestScope scope = TestScope.Begin($"whole path {seed} {start} {Guid.NewGuid():N}");
            for (int i = start; i < Math.Min(cases, start + CasesPerTest); i++)
            {
                CapturedValueKind kind = generator.NextKind();
                switch (kind)
                {
                    case CapturedValueKind.Double: { double v = generator.NextDouble(); values.Double(v); expected.Add((kind, v, null)); break; }
                    case CapturedValueKind.Long: { long v = generator.NextLong(); values.Long(v); expected.Add((kind, v, null)); break; }
                    case CapturedValueKind.Int: { int v = generator.NextInt(); values.Int(v); expected.Add((kind, v, null)); break; }
                    case CapturedValueKind.Decimal: { decimal v = generator.NextDecimal(); values.Decimal(v); expected.Add((kind, (double)v, null)); break; }
                    case CapturedValueKind.Single: { float v = generator.NextSingle(); values.Single(v); expected.Add((kind, v, null)); break; }
                    default: { string? v = generator.NextText(); values.Text(v); expected.Add((kind, 0, v)); break; }
                }
            }

            verdicts.AddRange(scope.CollectVerdicts());
        }

        string context = $"seed {seed} (VYPR_PROPERTY_SEED={seed} repeats it)";
        Assert.True(expected.Count == verdicts.Count, $"{context}: {expected.Count} calls, {verdicts.Count} verdicts");

        // 1. The monitor's verdicts carry each value as documented.
        for (int i = 0; i < expected.Count; i++)
        {
            ObservationInfo observation = verdicts[i].Observations[0];
            (CapturedValueKind kind, double number, string? text) = expected[i];
            string where = $"{context}, case {i} ({kind})";
            if (kind == CapturedValueKind.Text)
            {
                string shown = $"(observed {(text is null ? "null" : "\"" + ResultsText.Clean(text) + "\"")})";
                string condition = observation.Condition;
                Assert.True(condition.Length <= TextLimits.Short, $"{where}: condition of {condition.Length} characters, over the format's {TextLimits.Short}");
                if (condition.EndsWith(TextLimits.Ellipsis))
                {
                    // Shortened to the limit: what is kept of the observed text is its beginning.
                    int at = condition.IndexOf("(observed ", StringComparison.Ordinal);
                    Assert.True(at >= 0 && shown.StartsWith(condition[at..^1], StringComparison.Ordinal), $"{where}: condition {Shorten(condition)}");
                    Assert.True(condition.Length >= TextLimits.Short - 1, $"{where}: shortened further than needed, to {condition.Length}");
                }
                else
                {
                    Assert.True(condition.EndsWith(shown, StringComparison.Ordinal), $"{where}: condition {Shorten(condition)}");
                }

                Assert.True(ResultsText.IsValid(condition), $"{where}: condition holds NUL or an unpaired surrogate");
            }
            else
            {
                Assert.True(SameDouble(number, observation.Value), $"{where}: captured {R(number)}, observed {R(observation.Value)}");
            }
        }

        // 2. Results file and back: every field of every verdict, doubles bit for bit (any NaN stays NaN).
        RunDocument snapshot = RuntimeMonitor.Snapshot("Vypr.Runtime.Tests");
        RunDocument document = snapshot with { Verdicts = verdicts, Summaries = [] };
        RunDocument read = ResultsFile.Read(ResultsFile.Write(document, _directory));
        AssertSameVerdicts(verdicts, read.Verdicts, context + ", results file");

        // 3. The shipper's batches, over HTTP to a server that parses them with the contracts' JSON context.
        await using var server = new FakeVerdictServer();
        await server.StartAsync();
        var source = new SnapshotRunSource(snapshot, Guid.NewGuid());
        await using var shipper = new VerdictShipper(new ShippingOptions(server.BaseAddress, Path.Combine(_directory, "spool")) { BatchSize = 97 }, source);
        shipper.Publish(verdicts);
        ShippingReport report = await shipper.FlushAsync(TimeSpan.FromSeconds(120));
        Assert.True(report.IsComplete && report.Shipped == verdicts.Count, $"{context}: {report}");
        AssertSameVerdicts(verdicts, server.StoredOf(source.RunId).Values.ToList(), context + ", shipper batches");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static void AssertSameVerdicts(IReadOnlyList<VerdictInfo> expected, IReadOnlyList<VerdictInfo> actual, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: {expected.Count} verdicts written, {actual.Count} read");
        for (int i = 0; i < expected.Count; i++)
        {
            VerdictInfo e = expected[i];
            VerdictInfo a = actual[i];
            string where = $"{context}, verdict {e.Sequence}";
            Assert.True(e with { Severity = 0, Observations = [] } == a with { Severity = 0, Observations = [] }, $"{where}: {e} read as {a}");
            Assert.True(SameDouble(e.Severity, a.Severity), $"{where}: severity {R(e.Severity)} read as {R(a.Severity)}");
            Assert.Equal(e.Observations.Count, a.Observations.Count);
            for (int o = 0; o < e.Observations.Count; o++)
            {
                ObservationInfo eo = e.Observations[o];
                ObservationInfo ao = a.Observations[o];
                Assert.True(SameDouble(eo.Value, ao.Value), $"{where}, observation {o}: {R(eo.Value)} read as {R(ao.Value)}");
                Assert.True(eo with { Value = 0 } == ao with { Value = 0 }, $"{where}, observation {o}: {Shorten(eo.ToString())} read as {Shorten(ao.ToString())}");
            }
        }
    }

    // NaN is one value in the format (its payload and sign are not kept); every other double keeps its bits, -0.0 too.
    private static bool SameDouble(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + $"... ({text.Length} chars)";

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    /// <summary>The monitor's specifications and call sites, under a run ID of the test's own.</summary>
    private sealed class SnapshotRunSource(RunDocument snapshot, Guid runId) : IRunSource
    {
        public Guid RunId => runId;

        public IReadOnlyList<SpecificationInfo> Specifications => snapshot.Specifications;

        public IReadOnlyList<CallSiteInfo> CallSites => snapshot.CallSites;

        public RunInfo DescribeRun() => snapshot.Run with { RunId = runId };

        public RunDocument Snapshot() => snapshot with { Run = DescribeRun(), Verdicts = [] };
    }
}

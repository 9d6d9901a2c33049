using System;
using System.Globalization;
using System.Text;
using Vypr.Contracts;
using Vypr.Runtime.Runs;
using Xunit;

namespace Vypr.Runtime.Tests.Runs;

/// <summary>
/// A passing call site's "ok" line is built from text cached per call site; it must equal the line formatted afresh
/// from the registry, for any specification, method, location and statistics, and stay so when read again.
/// </summary>
public sealed class OkLineTests
{
    [Theory]
    [InlineData(1, "")]
    [InlineData(2, "fa-IR")]
    [InlineData(3, "de-DE")]
    public void The_cached_line_equals_the_freshly_formatted_one_across_generated_inputs(int seed, string culture)
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var random = new Random(seed);
            long[] counts = [0, 1, 2, 9, 10, int.MaxValue, long.MaxValue];
            long[] durations = [0, 1, 999, 1_000, 1_500_000, 999_999_999, 1_000_000_000, long.MaxValue];
            for (int i = 0; i < 200; i++)
            {
                string text = $"MaxDuration(\"{Text(random)}\")";
                string method = $"OkLineType{seed}.{Text(random)}()";
                int specification = MonitorRegistry.RegisterSpecification($"M:OkLineType{seed}.M{i}", method, text, 1_000_000);
                string file = $"OkLine{seed}/{Text(random)}.cs";
                int line = random.Next(2) == 0 ? random.Next(1, 10_000) : int.MaxValue;
                int column = random.Next(1, 500);
                int site = MonitorRegistry.RegisterCallSite(specification, file, line, column, "OkLineTests.M()", "OkLineAssembly");
                for (int k = 0; k < 3; k++)
                {
                    long calls = random.Next(3) == 0 ? counts[random.Next(counts.Length)] : random.NextInt64(0, 100_000);
                    long slowest = random.Next(3) == 0 ? durations[random.Next(durations.Length)] : random.NextInt64(0, 10_000_000_000);
                    var summary = new CallSiteSummary(i + 1, site, calls, 0, 0, 0, slowest, slowest);

                    // The line as TestReport formatted it before the cache, for every test.
                    CallSiteInfo callSite = MonitorRegistry.CallSite(site);
                    SpecificationInfo spec = MonitorRegistry.Specification(callSite.SpecificationId);
                    string fresh = $"  ok {spec.Text} on {spec.Method} at {callSite.Location}: {summary.Calls} call{(summary.Calls == 1 ? string.Empty : "s")}, slowest {DurationText.FormatNanoseconds(summary.MaxNanoseconds)}";

                    Assert.Equal(fresh, TestReport.OkLine(summary));
                    Assert.Contains(file, fresh, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    // Any text a specification, a method or a file name may hold: empty, long, braces and format characters, non-ASCII,
    // surrogate pairs.
    private static string Text(Random random)
    {
        string[] pieces = ["", "a", "{0}", "{{", "}", "%s", "ü", "日本", "\U0001F600", " ", "\\", "\"", ":", "5ms", new string('x', 300)];
        var text = new StringBuilder();
        int count = random.Next(0, 5);
        for (int i = 0; i < count; i++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }

        return text.ToString();
    }
}

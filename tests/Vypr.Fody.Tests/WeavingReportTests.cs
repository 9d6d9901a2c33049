using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.Fody.Tests;

/// <summary>
/// The weaving report (vypr-weaving.md) of a project woven in IL says what the weaver wove, before the interceptors'
/// count of call sites, which is 0 there: without it, an IL-woven library's report read "no call site is woven", the
/// opposite of the truth (docs/trials/fluentvalidation.md, F10). A build with another choice never shows that section.
/// </summary>
public sealed class WeavingReportTests
{
    private const string Source = """
        using Vypr;

        namespace Reported;

        public sealed class Calc
        {
            public int Run(int x)
            {
                return Twice(x) + 1;
            }

            [MaxDuration("1s")]
            public static int Twice(int x) => x * 2;
        }

        public static class CalcSpecifications
        {
            [PerformanceSpecification]
            public static Specification Runs => Specification
                .For<Calc>(nameof(Calc.Run))
                .Forall("c", Calls.OfScope())
                .Check(c => c.Duration() < Duration.Seconds(1));
        }
        """;

    [Fact]
    public async Task An_IL_woven_project_s_report_lists_what_the_weaver_wove_before_the_interceptors_part()
    {
        string folder = await WeaverBuild.CreateAsync("Reported.csproj", WeaverBuild.IlProject(), "Calc.cs", Source);
        try
        {
            string intermediate = Path.Combine(folder, "obj", "Release", "net10.0");
            string file = Path.Combine(folder, "Calc.cs");

            (int exitCode, string output) = await WeaverBuild.RunAsync(folder);

            Assert.True(exitCode == 0, output);
            string report = await File.ReadAllTextAsync(Path.Combine(intermediate, "vypr-weaving.md"), TestContext.Current.CancellationToken);
            Assert.StartsWith("# Vypr weaving report: Reported\n\n## Woven in IL\n\nThe IL weaver timed 1 method(s) and wove 1 scoped method(s) of fluent specifications in their own bodies", report, StringComparison.Ordinal);
            Assert.Matches($@"\n\| `Reported\.Calc\.Run\(int\)` \| scope of `P:Reported\.CalcSpecifications\.Runs` \| `{System.Text.RegularExpressions.Regex.Escape(file)}:9:\d+` \|\n", report);
            Assert.Matches($@"\n\| `Reported\.Calc\.Twice\(int\)` \| MaxDuration\(""1s""\) \| `{System.Text.RegularExpressions.Regex.Escape(file)}:13:\d+` \|\n", report);
            int interceptors = report.IndexOf("\n## Woven by interceptors\n", StringComparison.Ordinal);
            Assert.True(interceptors > report.IndexOf("Calc.Twice", StringComparison.Ordinal), report);
            Assert.False(File.Exists(Path.Combine(intermediate, "vypr-weaving-il.md")), "the weaver's section is consumed by the report");

            // The same project woven by interceptors: no IL section, and none left over from the build before.
            (exitCode, output) = await WeaverBuild.RunAsync(folder, "VyprWeaving=Interceptors");

            Assert.True(exitCode == 0, output);
            report = await File.ReadAllTextAsync(Path.Combine(intermediate, "vypr-weaving.md"), TestContext.Current.CancellationToken);
            Assert.DoesNotContain("Woven in IL", report, StringComparison.Ordinal);
            Assert.DoesNotContain("Woven by interceptors", report, StringComparison.Ordinal);
            Assert.Contains("| `Reported.Calc.Twice(int)` | yes |", report, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

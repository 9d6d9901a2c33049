using System;
using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Generators.Tests.Harness;

/// <summary>
/// Generates, compiles and runs a test program under its own test scope, then checks that verdicts came from
/// exactly the lines marked <c>// probed</c>.
/// </summary>
public static class MonitoredProgram
{
    public const string ProbedMarker = "// probed";

    public static (GeneratorRun Run, IReadOnlyList<VerdictInfo> Verdicts) Execute(string fileName, string source, params Microsoft.CodeAnalysis.MetadataReference[] references)
    {
        var input = TestCompiler.Compile(System.IO.Path.GetFileNameWithoutExtension(fileName), references, (fileName, source));
        var assembly = TestCompiler.GenerateAndLoad(input, out GeneratorRun run);
        using var scope = TestScope.Begin(fileName);
        TestCompiler.RunProgram(assembly);
        return (run, scope.CollectVerdicts());
    }

    /// <summary>Asserts that every verdict comes from a line marked probed in <paramref name="source"/>, each such line produced one.</summary>
    public static void AssertProbedLines(string fileName, string source, IReadOnlyList<VerdictInfo> verdicts)
    {
        string[] lines = source.Split('\n');
        var expected = Enumerable.Range(1, lines.Length).Where(n => lines[n - 1].Contains(ProbedMarker, StringComparison.Ordinal)).ToArray();
        var actual = verdicts.Select(SiteOf)
            .Select(site =>
            {
                Assert.Equal(fileName, site.File);
                return site.Line;
            })
            .Distinct()
            .Order()
            .ToArray();
        Assert.Equal(expected, actual);
    }

    public static CallSiteInfo SiteOf(VerdictInfo verdict) => MonitorRegistry.CallSite(verdict.CallSiteId);

    public static SpecificationInfo SpecificationOf(VerdictInfo verdict) => MonitorRegistry.Specification(verdict.SpecificationId);
}

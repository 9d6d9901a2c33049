using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Vypr.Contracts;
using Vypr.Generators.Analyzers;
using Vypr.Runtime;
using Vypr.Tests.Shared.Corpus;
using Xunit;

namespace Vypr.Generators.Tests.Harness;

/// <summary>
/// Puts many call shapes into one program (<see cref="ShapeProgram"/>), each in three roles (a <c>[MaxDuration]</c>
/// call, a call a fluent specification quantifies over, a call of a scoped method), each role and shape in a namespace
/// of its own. The program is compiled with the generator under warnings-as-errors and nullable checks, analyzed, run once, and
/// every shape is held to its promise: its calls are all recorded (one verdict per role), or the generator declined
/// it and the analyzers said so at the call.
/// </summary>
public static class ShapeCorpus
{
    /// <summary>The diagnostics that say a call is not monitored (docs/diagnostics.md).</summary>
    public static readonly string[] DeclineIds = ["VYPR0003", "VYPR0008", "VYPR0016", "VYPR0017", "VYPR0018", "VYPR0019"];

    public static void Verify(IReadOnlyList<Shape> shapes, string name)
    {
        string source = ShapeProgram.Text(shapes, name);
        CSharpCompilationResult input = TestCompiler.Compile(name, null, allowUnsafe: true, (name + ".cs", source));
        ImmutableArray<Diagnostic> inputErrors = input.Compilation.GetDiagnostics(TestContext.Current.CancellationToken);
        Assert.True(inputErrors.All(d => d.Severity < DiagnosticSeverity.Warning), "the corpus itself must compile cleanly:\n" + Describe(inputErrors, source));

        GeneratorRun run = TestCompiler.Generate(input);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.True(run.OutputDiagnostics.IsEmpty, "generated code must compile without warnings:\n" + Describe(run.OutputDiagnostics, source));

        Compilation perSiteOn = input.Compilation.WithOptions(input.Compilation.Options.WithSpecificDiagnosticOptions(
            AnalyzerHarness.OffByDefault.ToDictionary(id => id, _ => ReportDiagnostic.Info)));
        var analyzers = new CompilationWithAnalyzers(
            perSiteOn,
            [new SpecificationAnalyzer(), new FluentSpecificationAnalyzer(), new WeavingCoverageAnalyzer()],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        ImmutableArray<Diagnostic> reported = analyzers.GetAllDiagnosticsAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult()
            .Where(d => d.Severity >= DiagnosticSeverity.Info || d.Id == "AD0001")
            .ToImmutableArray();
        Assert.DoesNotContain(reported, d => d.Id == "AD0001");

        var assembly = TestCompiler.Load(run.Output);
        IReadOnlyList<VerdictInfo> verdicts;
        using (var scope = TestScope.Begin(name))
        {
            TestCompiler.RunProgram(assembly);
            verdicts = scope.CollectVerdicts();
        }

        var failures = new List<string>();
        for (int i = 0; i < shapes.Count; i++)
        {
            Shape shape = shapes[i];
            foreach ((string role, string prefix) in ShapeProgram.Roles(shape, name + i))
            {
                Diagnostic[] here = reported.Where(d => InNamespace(d, source, prefix)).ToArray();
                int count = verdicts.Count(v => ShapeProgram.BelongsTo(MonitorRegistry.Specification(v.SpecificationId), role, prefix));
                if (!ShapeProgram.IsDeclined(shape, prefix))
                {
                    if (count != 1 || here.Length > 0)
                    {
                        failures.Add($"{shape.Name} as {role}: {count} verdicts for 1 call; diagnostics [{string.Join("; ", here.Select(d => d.ToString()))}]");
                    }
                }
                else if (count != 0 || !here.Any(d => DeclineIds.Contains(d.Id)) || here.Any(d => !DeclineIds.Contains(d.Id)))
                {
                    failures.Add($"{shape.Name} as {role}: declined shapes give no verdict ({count}) and a documented diagnostic; got [{string.Join("; ", here.Select(d => d.ToString()))}]");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\nverdicts:\n" + string.Join("\n", verdicts.Select(v => MonitorRegistry.Specification(v.SpecificationId).Key + " at " + MonitorRegistry.CallSite(v.CallSiteId).Caller)));
    }

    private static bool InNamespace(Diagnostic diagnostic, string source, string prefix)
    {
        int start = source.IndexOf($"namespace {prefix}\n", StringComparison.Ordinal);
        int end = source.IndexOf("\nnamespace ", start + 1, StringComparison.Ordinal);
        end = end < 0 ? source.Length : end;
        return diagnostic.Location.SourceSpan.Start >= start && diagnostic.Location.SourceSpan.Start < end;
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics, string source) =>
        string.Join("\n", diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Take(30).Select(d =>
            d.Location.SourceTree is { } tree
                ? d + " | " + tree.GetText().Lines[d.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim()
                : d.ToString()));
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Vypr.Contracts;
using Vypr.Generators.Analyzers;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Generators.Tests.Harness;

/// <summary>
/// Puts many call shapes into one program, each in three roles (a <c>[MaxDuration]</c> call, a call a fluent
/// specification quantifies over, a call of a scoped method), each role and shape in a namespace of its own. The
/// program is compiled with the generator under warnings-as-errors and nullable checks, analyzed, run once, and
/// every shape is held to its promise: its calls are all recorded (one verdict per role), or the generator declined
/// it and the analyzers said so at the call.
/// </summary>
public static class ShapeCorpus
{
    private const string Bound = "[MaxDuration(\"100s\")]";

    private static readonly string[] s_noTypeArgument = ["System.IO.Path", "Math", "Span<int>"];

    /// <summary>The diagnostics that say a call is not monitored (docs/diagnostics.md).</summary>
    public static readonly string[] DeclineIds = ["VYPR0003", "VYPR0008", "VYPR0016", "VYPR0017", "VYPR0018", "VYPR0019"];

    public static void Verify(IReadOnlyList<Shape> shapes, string name)
    {
        string source = Program(shapes, name);
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
            foreach ((string role, string prefix) in Roles(shape, name + i))
            {
                Diagnostic[] here = reported.Where(d => InNamespace(d, source, prefix)).ToArray();
                int count = verdicts.Count(v => BelongsTo(v, role, prefix));
                if (!shape.DeclinedIn.Contains(prefix[^1] switch { 'A' => 'a', 'B' => 'b', _ => 'c' }, StringComparison.Ordinal))
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

    private static IEnumerable<(string Role, string Prefix)> Roles(Shape shape, string index)
    {
        if (!shape.IsLibraryCall)
        {
            yield return ("a [MaxDuration] call", $"{index}A");
        }

        if (shape.IsDirect)
        {
            yield return ("a quantified call", $"{index}B");
        }

        if (shape.Change is not null)
        {
            yield return ("a change", $"{index}B");
        }

        if (!shape.IsLibraryCall && shape.IsScopable && shape.Target is not null)
        {
            yield return ("a scoped call", $"{index}C");
        }
    }

    // Static classes and ref structs cannot be type arguments: their calls are named by method only, and their
    // methods are scoped with Specification.For(typeof(T), ...).
    private static bool IsNamedByMethodOnly(Shape shape) =>
        shape.Target is null || s_noTypeArgument.Contains(shape.Target)
        || System.Text.RegularExpressions.Regex.IsMatch(shape.Declarations, $@"static (unsafe )?class {shape.Target} ")
        || shape.Declarations.Contains($"ref struct {shape.Target} ", StringComparison.Ordinal);

    private static bool BelongsTo(VerdictInfo verdict, string role, string prefix)
    {
        SpecificationInfo specification = MonitorRegistry.Specification(verdict.SpecificationId);
        return role switch
        {
            "a [MaxDuration] call" => specification.Method.StartsWith(prefix + ".", StringComparison.Ordinal),
            "a quantified call" => specification.Key == $"P:{prefix}.Specs.CallsSpec",
            "a change" => specification.Key == $"P:{prefix}.Specs.ChangeSpec",
            _ => specification.Key == $"P:{prefix}.Specs.ScopeSpec",
        };
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

    /// <summary>The program text: every shape in every role it has, and a Program.Run that runs each once.</summary>
    public static string Program(IReadOnlyList<Shape> shapes, string name)
    {
        var text = new StringBuilder("""
            using System;
            using System.Diagnostics.CodeAnalysis;
            using System.Threading.Tasks;
            using Vypr;

            """);
        var runs = new List<string>();
        for (int i = 0; i < shapes.Count; i++)
        {
            Shape shape = shapes[i];
            string runSignature = shape.IsAsync ? "async Task Run()" : "void Run()";
            string Await(string call) => shape.IsAsync ? "await " + call : call;
            // Static classes and ref structs cannot be type arguments: their calls are named by method only, their
            // scoped methods by metadata name.
            bool nameOnly = IsNamedByMethodOnly(shape);
            string calls = nameOnly ? $"Vypr.Calls.To(\"{shape.Method}\")" : $"Vypr.Calls.To<{shape.Target}>(\"{shape.Method}\")";
            const string check = ".Check(c => c.Duration() < Duration.Seconds(100));";

            if (!shape.IsLibraryCall)
            {
                text.Append($"namespace {name}{i}A\n{{\n");
                text.Append(shape.Declarations.Replace("BOUND", Bound, StringComparison.Ordinal)).Append('\n');
                text.Append($"public static class Driver {{ public static {runSignature} {{ {shape.Call} }} }}\n}}\n");
                runs.Add(Await($"{name}{i}A.Driver.Run();"));
            }

            text.Append($"namespace {name}{i}B\n{{\n");
            text.Append(shape.Declarations.Replace("BOUND", string.Empty, StringComparison.Ordinal)).Append('\n');
            text.Append("public static class Specs\n{\n");
            text.Append($"    [PerformanceSpecification] public static Specification CallsSpec => Specification.For<VScope>(nameof(VScope.Run)).Forall(\"c\", {calls}){check}\n");
            if (shape.Change is not null)
            {
                text.Append($"    [PerformanceSpecification] public static Specification ChangeSpec => Specification.For<VScope>(nameof(VScope.Run)).Forall(\"q\", Changes.Of(\"{shape.Change}\")).Check(q => q.Value() != \"never\");\n");
            }

            text.Append("}\n");
            text.Append($"public sealed class VScope {{ public {runSignature} {{ {shape.Call} }} }}\n");
            text.Append($"public static class Driver {{ public static {runSignature} {{ {Await("new VScope().Run();")} }} }}\n}}\n");
            runs.Add(Await($"{name}{i}B.Driver.Run();"));

            if (!shape.IsLibraryCall && shape.IsScopable && shape.Target is not null)
            {
                text.Append($"namespace {name}{i}C\n{{\n");
                text.Append(shape.Declarations.Replace("BOUND", string.Empty, StringComparison.Ordinal)).Append('\n');
                string scope = nameOnly ? $"Specification.For(typeof({shape.Target}), \"{shape.Method}\")" : $"Specification.For<{shape.Target}>(\"{shape.Method}\")";
                text.Append($"public static class Specs {{ [PerformanceSpecification] public static Specification ScopeSpec => {scope}.Forall(\"c\", Vypr.Calls.OfScope()){check} }}\n");
                text.Append($"public static class Driver {{ public static {runSignature} {{ {shape.Call} }} }}\n}}\n");
                runs.Add(Await($"{name}{i}C.Driver.Run();"));
            }
        }

        text.Append("public static class Program\n{\n    public static async Task Run()\n    {\n        await Task.Yield();\n");
        foreach (string run in runs)
        {
            text.Append("        ").Append(run).Append('\n');
        }

        text.Append("    }\n}\n");
        return text.ToString();
    }
}

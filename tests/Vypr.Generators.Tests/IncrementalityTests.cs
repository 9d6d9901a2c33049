using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

public sealed class IncrementalityTests
{
    private const string Monitored = """
        using Vypr;
        public static class Program
        {
            public static object Run() => Maths.Twice(21);
        }
        public static class Maths
        {
            [MaxDuration("1s")] public static int Twice(int x) => 2 * x;
        }
        public static class Specs
        {
            [PerformanceSpecification]
            public static Specification Doubling => Specification.For<Doubler>(nameof(Doubler.Run))
                .Forall("q", Changes.Of("n"))
                .Forall("t", Calls.To<Doubler>(nameof(Doubler.Twice)).After("q"))
                .Check((q, t) => Formula.If(q.Value() > 1).Then(t.Duration() < Duration.Seconds(1)));
        }
        public sealed class Doubler
        {
            public int Twice(int x) => 2 * x;
            public int Run(int x) { int n = Twice(x); return Twice(n); }
            public static int Start() => new Doubler().Run(3);
        }
        """;

    private const string Unrelated = """
        public static class Helpers
        {
            public static int Inc(int x) => x + 1;
        }
        """;

    private static readonly string[] TrackedSteps =
    [
        VyprGenerator.Steps.DeclaredMethods,
        VyprGenerator.Steps.ReferencedMethods,
        VyprGenerator.Steps.DeclaredFormulas,
        VyprGenerator.Steps.ReferencedScopes,
        VyprGenerator.Steps.Names,
        VyprGenerator.Steps.Candidates,
        VyprGenerator.Steps.Plan,
        VyprGenerator.Steps.Parts,
    ];

    // A second file of plain monitored calls: its generated part must survive edits of other files untouched.
    private const string MoreCalls = """
        public static class Caller
        {
            public static int Call() => Maths.Twice(1) + Maths.Twice(2);
        }
        """;

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_tracked_step_cached_or_unchanged()
    {
        var input = TestCompiler.Compile(("Program.cs", Monitored), ("Helpers.cs", Unrelated));
        GeneratorRun first = TestCompiler.Generate(input);
        Assert.NotNull(first.GeneratedSource);

        SyntaxTree helpers = input.Compilation.SyntaxTrees.Single(t => t.FilePath == "Helpers.cs");
        SyntaxTree edited = CSharpSyntaxTree.ParseText(
            Unrelated.Replace("x + 1", "x + 2 /* edited */", StringComparison.Ordinal), TestCompiler.ParseOptions, "Helpers.cs", cancellationToken: TestContext.Current.CancellationToken);
        GeneratorDriver driver = first.Driver.RunGenerators(input.Compilation.ReplaceSyntaxTree(helpers, edited), TestContext.Current.CancellationToken);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        foreach (string step in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (IncrementalGeneratorRunStep run in result.TrackedSteps[step])
            {
                foreach ((object _, IncrementalStepRunReason reason) in run.Outputs)
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"step {step} was {reason} after an unrelated edit");
                }
            }
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output was {o.Reason}"));
    }

    [Fact]
    public void The_caching_test_covers_every_named_step_of_the_generator()
    {
        // A step added to the pipeline without being listed above would escape the caching test.
        string[] named = typeof(VyprGenerator.Steps).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
        Assert.NotEmpty(named);
        Assert.Equal(named.OrderBy(n => n, StringComparer.Ordinal), TrackedSteps.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Editing_a_monitored_call_regenerates_the_plan()
    {
        var input = TestCompiler.Compile(("Program.cs", Monitored));
        GeneratorRun first = TestCompiler.Generate(input);
        SyntaxTree program = input.Compilation.SyntaxTrees.Single();
        SyntaxTree edited = CSharpSyntaxTree.ParseText(
            Monitored.Replace("Maths.Twice(21)", "Maths.Twice(21) + Maths.Twice(1)", StringComparison.Ordinal), TestCompiler.ParseOptions, "Program.cs", cancellationToken: TestContext.Current.CancellationToken);

        GeneratorDriver driver = first.Driver.RunGenerators(input.Compilation.ReplaceSyntaxTree(program, edited), TestContext.Current.CancellationToken);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Contains(result.TrackedSteps[VyprGenerator.Steps.Plan].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        // Twice(21), Twice(1), and the scoped method's call Run(3) with the two calls of Twice in its body.
        Assert.Equal(5, result.GeneratedSources.Where(s => s.HintName != WeavingReportWriter.HintName).Sum(s => s.SourceText.ToString().Split("InterceptsLocation(1,").Length - 1));
    }

    [Fact]
    public void Editing_one_file_with_monitored_calls_regenerates_only_its_own_part()
    {
        var input = TestCompiler.Compile(("Program.cs", Monitored), ("Caller.cs", MoreCalls), ("Helpers.cs", Unrelated));
        GeneratorRun first = TestCompiler.Generate(input);
        Assert.Empty(first.OutputDiagnostics);
        string[] before = first.Driver.GetRunResult().GeneratedTrees.Select(t => t.FilePath).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(4, before.Length); // the main file, Program.cs's part, Caller.cs's part, the weaving report

        // Lines inserted above the call move it: its part is written again with the new place.
        SyntaxTree caller = input.Compilation.SyntaxTrees.Single(t => t.FilePath == "Caller.cs");
        SyntaxTree edited = CSharpSyntaxTree.ParseText(
            "// a comment\n// another\n" + MoreCalls, TestCompiler.ParseOptions, "Caller.cs", cancellationToken: TestContext.Current.CancellationToken);
        GeneratorDriver driver = first.Driver.RunGenerators(input.Compilation.ReplaceSyntaxTree(caller, edited), TestContext.Current.CancellationToken);

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        (object Value, IncrementalStepRunReason Reason)[] parts = result.TrackedSteps[VyprGenerator.Steps.Parts].SelectMany(s => s.Outputs).ToArray();
        Assert.Equal(3, parts.Length);
        var modified = parts.Where(p => p.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New).ToArray();
        var changed = Assert.Single(modified);
        Assert.Contains("Caller", ((Model.GeneratedPart)changed.Value).HintName, StringComparison.Ordinal);
        Assert.All(parts.Except(modified), p => Assert.Equal(IncrementalStepRunReason.Unchanged, p.Reason));
        Assert.Equal(before, driver.GetRunResult().GeneratedTrees.Select(t => t.FilePath).Order(StringComparer.Ordinal));
        Assert.Contains("Twice_5_", driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.Contains("Caller", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);

        // Only the one modified part went through the source output again, besides the weaving report (it lists
        // every site's place, so it is written from the whole plan).
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToArray();
        Assert.Equal(2, outputs.Count(o => o.Reason is IncrementalStepRunReason.Modified or IncrementalStepRunReason.New));
    }

    [Fact]
    public void No_pipeline_model_holds_a_roslyn_symbol_syntax_node_compilation_or_location()
    {
        var input = TestCompiler.Compile(("Program.cs", Monitored));
        GeneratorRunResult result = TestCompiler.Generate(input).Driver.GetRunResult().Results.Single();

        // The values that actually flowed through every tracked step...
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (string step in TrackedSteps)
        {
            foreach (object output in result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value))
            {
                AssertNoRoslynObjects(output, step, seen);
            }
        }

        // ...and every model type's declared fields, so a field that happened to be null cannot hide one.
        foreach (Type model in typeof(VyprGenerator).Assembly.GetTypes().Where(t => t.Namespace == "Vypr.Generators.Model"))
        {
            foreach (FieldInfo field in model.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                Assert.False(IsRoslynType(field.FieldType), $"{model.Name}.{field.Name} is a {field.FieldType}");
            }
        }
    }

    private static void AssertNoRoslynObjects(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(IsRoslynType(value.GetType()), $"step {step} holds a {value.GetType()}");
        if (value is IEnumerable items)
        {
            foreach (object? item in items)
            {
                AssertNoRoslynObjects(item, step, seen);
            }
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), step, seen);
        }
    }

    private static bool IsRoslynType(Type type) =>
        typeof(ISymbol).IsAssignableFrom(type)
        || typeof(SyntaxNode).IsAssignableFrom(type)
        || typeof(Compilation).IsAssignableFrom(type)
        || typeof(SemanticModel).IsAssignableFrom(type)
        || typeof(SyntaxTree).IsAssignableFrom(type)
        || typeof(Location).IsAssignableFrom(type)
        || type == typeof(SyntaxToken)
        || type == typeof(SyntaxNodeOrToken)
        || (type.IsGenericType && type.GetGenericArguments().Any(IsRoslynType));
}

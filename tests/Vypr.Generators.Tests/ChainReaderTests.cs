using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vypr.Formulas;
using Vypr.Generators.Model;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

public sealed class ChainReaderTests
{
    private const string Domain = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Vypr;

        namespace Shop;

        public class FileStore
        {
            public void Write(string path, byte[] data) { }
            public int Size(string path) => path.Length;
            public string Name(int id) => id.ToString();
            public Task<int> CountAsync() => Task.FromResult(1);
        }

        public class Outer
        {
            public class Inner
            {
                public int Work(int n) => n;
            }
        }

        public class Repo<T>
        {
            public T Get(int id) => default!;
        }

        public class Uploader
        {
            private readonly FileStore _store = new();
            private int _written;

            public int Upload(string file, byte[] data)
            {
                _store.Write(file, data);
                int size = _store.Size(file);
                _written = _store.Size(file);
                string name = _store.Name(size);
                new Outer.Inner().Work(size);
                new Repo<int>().Get(1);
                _store.Write(name, data);
                return size + _written;
            }

            public void Store(string file) => _store.Write(file, []);

            public void Store(string file, int copies) => _store.Write(file, new byte[copies]);

            public async Task<int> UploadAsync(string file) => await _store.CountAsync() + file.Length;

            public async ValueTask Flush() => await _store.CountAsync();
        }

        public static class Program
        {
            public static void Run()
            {
                var uploader = new Uploader();
                uploader.Upload("a", []);
                uploader.Store("b");
                uploader.Store("b", 2);
                _ = uploader.UploadAsync("c");
                _ = uploader.Flush();
            }
        }
        """;

    [Fact]
    public void Reads_the_language_documents_example_into_the_model_exactly()
    {
        (FluentSpecification? model, _) = ReadSpecs("""
            [PerformanceSpecification]
            public static Specification Spec => Specification
                .For<Uploader>(nameof(Uploader.Upload))
                .Forall("q", Changes.Of("file"))
                .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)).After("q"))
                .Check((q, t) => Formula.If(q.Value() == "big.bin").Then(t.Duration() <= Duration.Seconds(1)));
            """);

        Assert.NotNull(model);
        Assert.Equal(
            new FluentSpecification(
                "P:Shop.Specs.Spec",
                "global::Shop.Specs.Spec",
                "Shop.Specs.Spec",
                "M:Shop.Uploader.Upload(System.String,System.Byte[])~System.Int32",
                "Upload",
                "Shop.Uploader.Upload(string, byte[])",
                false,
                new[]
                {
                    new SlotModel(0, "q", SlotKind.Changes, null, null, "file", -1, false, Captures("value")),
                    new SlotModel(1, "t", SlotKind.Calls, "Write", "Shop.FileStore", null, 0, false, Captures()),
                }.ToEquatableArray(),
                Captures("arg:file")),
            model);
    }

    [Fact]
    public void Reads_every_quantifier_kind_and_every_capture()
    {
        (FluentSpecification? model, CSharpCompilationResult input) = ReadSpecs("""
            [PerformanceSpecification]
            public static Specification Spec => Specification
                .For<Uploader>(nameof(Uploader.Upload))
                .Forall("c", Calls.OfScope())
                .Forall("s", Calls.To("Size"))
                .Forall("n", Changes.Of("name").After("s"))
                .Check((c, s, n) =>
                    (c.Argument("data").Length() < 1000 & c.Result() >= 0 & c.Argument("file") != "x")
                    | (s.Argument("path").Length() > 3 & s.Result() < c.Result() & n.Value() == "a" & n.Value().Length() > 0));
            """);

        Assert.NotNull(model);
        Assert.Equal(Captures("arg:data#length", "arg:file", "result"), model.ScopeCaptures);
        Assert.Equal(new SlotModel(0, "c", SlotKind.ScopeCalls, null, null, null, -1, false, Captures("arg:data#length", "arg:file", "result")), model.Slots[0]);
        Assert.Equal(new SlotModel(1, "s", SlotKind.Calls, "Size", null, null, -1, false, Captures("arg:path#length", "result")), model.Slots[1]);
        Assert.Equal(new SlotModel(2, "n", SlotKind.Changes, null, null, "name", 1, false, Captures("value", "value#length")), model.Slots[2]);
        AssertAgreesWithRuntime(input, model, "Shop.Specs", "Spec");
    }

    [Fact]
    public void A_changed_parameter_is_captured_at_the_scopes_call_site_with_its_length_when_read()
    {
        (FluentSpecification? model, _) = ReadSpecs("""
            [PerformanceSpecification]
            public static Specification Spec => Specification
                .For<Uploader>(nameof(Uploader.Upload))
                .Forall("d", Changes.Of("data"))
                .Forall("f", Changes.Of("file"))
                .Check((d, f) => d.Value().Length() < 100 & Time.Between(f, d) < Duration.Milliseconds(1));
            """);

        Assert.NotNull(model);
        Assert.Equal(Captures("arg:data", "arg:data#length", "arg:file"), model.ScopeCaptures);
        Assert.Equal(Captures("value#length"), model.Slots[0].Captures);
        Assert.Equal(Captures(), model.Slots[1].Captures);
    }

    [Fact]
    public void NextCall_slots_follow_the_explicit_ones_in_evaluation_order_and_own_what_is_read_through_them()
    {
        (FluentSpecification? model, CSharpCompilationResult input) = ReadSpecs("""
            [PerformanceSpecification]
            public static Specification Spec => Specification
                .For<Uploader>(nameof(Uploader.Upload))
                .Forall("q", Changes.Of("size"))
                .Forall("w", Changes.Of("_written"))
                .Check((q, w) => Formula.If(q.NextCall("Name").Result() == "x" | q.NextCall("Name").Result().Length() > 3)
                    .Then(w.NextCall<FileStore>(nameof(FileStore.Write)).Argument("path").Length() < 10
                          & q.NextCall("Name").Duration() < Duration.Milliseconds(2)
                          & q.NextCall<FileStore>(nameof(FileStore.Write)).Duration() < Duration.Milliseconds(1)
                          & Time.Between(q, w.NextCall<FileStore>(nameof(FileStore.Write)).End()) < Duration.Seconds(1)));
            """);

        Assert.NotNull(model);
        Assert.Equal(
            [
                new SlotModel(2, "q.NextCall(Name)", SlotKind.Calls, "Name", null, null, 0, true, Captures("result", "result#length")),
                new SlotModel(3, "w.NextCall(FileStore.Write)", SlotKind.Calls, "Write", "Shop.FileStore", null, 1, true, Captures("arg:path#length")),
                new SlotModel(4, "q.NextCall(FileStore.Write)", SlotKind.Calls, "Write", "Shop.FileStore", null, 0, true, Captures()),
            ],
            model.Slots.Skip(2));
        AssertAgreesWithRuntime(input, model, "Shop.Specs", "Spec");
    }

    [Fact]
    public void NextCall_names_use_the_binding_name_as_the_runtime_does()
    {
        (FluentSpecification? model, CSharpCompilationResult input) = ReadSpecs("""
            [PerformanceSpecification]
            public static Specification Spec => Specification
                .For<Uploader>(nameof(Uploader.Upload))
                .Forall("q", Changes.Of("size"))
                .Check(state => state.NextCall<FileStore>(nameof(FileStore.Write)).Duration() < Duration.Milliseconds(1));
            """);

        Assert.NotNull(model);
        Assert.Equal("q.NextCall(FileStore.Write)", model.Slots[1].Name);
        AssertAgreesWithRuntime(input, model, "Shop.Specs", "Spec");
    }

    [Fact]
    public void Overloads_are_told_apart_by_their_typeof_list()
    {
        (FluentSpecification? one, _) = ReadSpecs("""
            [PerformanceSpecification]
            public static Specification Spec => Specification
                .For<Uploader>(nameof(Uploader.Store), typeof(string))
                .Forall("c", Calls.OfScope())
                .Check(c => c.Duration() < Duration.Milliseconds(1));
            """);
        (FluentSpecification? two, _) = ReadSpecs("""
            [PerformanceSpecification]
            public static Specification Spec => Specification
                .For<Uploader>(nameof(Uploader.Store), typeof(string), typeof(int))
                .Forall("c", Calls.OfScope())
                .Check(c => c.Argument("copies") < 3);
            """);

        Assert.Equal("M:Shop.Uploader.Store(System.String)", one?.ScopeKey);
        Assert.Equal("M:Shop.Uploader.Store(System.String,System.Int32)", two?.ScopeKey);
        Assert.Equal(Captures("arg:copies"), two!.ScopeCaptures);
    }

    [Fact]
    public void Declaring_types_are_written_as_Type_FullName_writes_them()
    {
        (FluentSpecification? model, CSharpCompilationResult input) = ReadSpecs("""
            [PerformanceSpecification]
            public static Specification Spec => Specification
                .For<Uploader>(nameof(Uploader.Upload))
                .Forall("i", Calls.To<Outer.Inner>(nameof(Outer.Inner.Work)))
                .Forall("g", Calls.To<Repo<int>>(nameof(Repo<int>.Get)))
                .Check((i, g) => i.Argument("n") < g.Result());
            """);

        Assert.NotNull(model);
        Assert.Equal("Shop.Outer+Inner", model.Slots[0].DeclaringType);
        Assert.Equal("Shop.Repo`1", model.Slots[1].DeclaringType);
        AssertAgreesWithRuntime(input, model, "Shop.Specs", "Spec");
    }

    [Fact]
    public void A_specification_in_a_nested_type_and_a_scope_in_a_nested_type()
    {
        var input = TestCompiler.Compile(("Specs.cs", Domain + """

            public static class Outside
            {
                public static class Specs
                {
                    [PerformanceSpecification]
                    internal static Specification Spec => Specification
                        .For<Outer.Inner>(nameof(Outer.Inner.Work))
                        .Forall("c", Calls.OfScope())
                        .Check(c => c.Argument("n") > 0);
                }
            }
            """));

        (FluentSpecification? model, List<Diagnostic> diagnostics) = Read(input, "Spec");

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotNull(model);
        Assert.Equal("P:Shop.Outside.Specs.Spec", model.Key);
        Assert.Equal("global::Shop.Outside.Specs.Spec", model.MemberAccess);
        Assert.Equal("Shop.Outside.Specs.Spec", model.Display);
        Assert.Equal("M:Shop.Outer.Inner.Work(System.Int32)~System.Int32", model.ScopeKey);
        Assert.Equal("Shop.Outer.Inner.Work(int)", model.ScopeDisplay);
    }

    [Theory]
    [InlineData("UploadAsync", true)]
    [InlineData("Flush", true)]
    [InlineData("Upload", false)]
    public void A_scope_returning_a_task_is_async(string method, bool async)
    {
        (FluentSpecification? model, _) = ReadSpecs($$"""
            [PerformanceSpecification]
            public static Specification Spec => Specification
                .For<Uploader>(nameof(Uploader.{{method}}))
                .Forall("c", Calls.OfScope())
                .Check(c => c.Duration() < Duration.Seconds(1));
            """);

        Assert.NotNull(model);
        Assert.Equal(async, model.ScopeIsAsync);
    }

    [Fact]
    public void A_partial_scope_is_read_through_the_part_with_the_body()
    {
        var input = TestCompiler.Compile(("Specs.cs", Domain + """

            public partial class Worker
            {
                public partial int Work(string text);

                public partial int Work(string text)
                {
                    int length = Measure(text);
                    return length;
                }

                private static int Measure(string text) => text.Length;

                public static int Run() => new Worker().Work("x");
            }

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Spec => Specification
                    .For<Worker>(nameof(Worker.Work))
                    .Forall("m", Calls.To<Worker>("Measure"))
                    .Forall("l", Changes.Of("length"))
                    .Check((m, l) => m.Argument("text").Length() < l.Value());
            }
            """));

        (FluentSpecification? model, List<Diagnostic> diagnostics) = Read(input, "Spec");

        Assert.Empty(diagnostics);
        Assert.NotNull(model);
        Assert.Equal("M:Shop.Worker.Work(System.String)~System.Int32", model.ScopeKey);
    }

    [Fact]
    public void Reads_fields_getters_with_a_return_and_initialised_auto_properties()
    {
        const string Chain = """
            Specification.For<Uploader>(nameof(Uploader.Upload))
                .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
                .Check(t => t.Duration() < Duration.Milliseconds(5))
            """;
        var input = TestCompiler.Compile(("Specs.cs", Domain + $$"""

            public static class Specs
            {
                [PerformanceSpecification] public static readonly Specification AsField = {{Chain}};
                [PerformanceSpecification] public static Specification AsGetter { get { return {{Chain}}; } }
                [PerformanceSpecification] public static Specification AsAutoProperty { get; } = {{Chain}};
                [PerformanceSpecification] public static Specification AsGetterBody { get => {{Chain}}; }
            }
            """));

        foreach (string member in new[] { "AsField", "AsGetter", "AsAutoProperty", "AsGetterBody" })
        {
            (FluentSpecification? model, List<Diagnostic> diagnostics) = Read(input, member);
            Assert.Empty(diagnostics);
            Assert.NotNull(model);
            Assert.Equal((member == "AsField" ? "F:" : "P:") + "Shop.Specs." + member, model.Key);
            Assert.Equal("Write", Assert.Single(model.Slots).Method);
        }
    }

    [Fact]
    public void Arithmetic_moments_and_intervals_read_their_captures()
    {
        (FluentSpecification? model, CSharpCompilationResult input) = ReadSpecs("""
            [PerformanceSpecification]
            public static Specification Spec => Specification
                .For<Uploader>(nameof(Uploader.Upload))
                .Forall("c", Calls.OfScope())
                .Forall("s", Calls.To<FileStore>(nameof(FileStore.Size)))
                .Check((c, s) => s.Duration() <= (s.Result() * 0.5 + 1).AsDuration(DurationUnit.Microseconds)
                    & !(c.Argument("data").Length().In(Interval.ClosedOpen(0, 10)))
                    & Time.Between(s.Start(), c.End()).In(Interval.Closed(Duration.Nanoseconds(0), Duration.Seconds(2)))
                    & Formula.Or(s.Argument("path") == "a", Formula.Not(s.Argument("path") == "b")));
            """);

        Assert.NotNull(model);
        Assert.Equal(Captures("arg:data#length"), model.Slots[0].Captures);
        Assert.Equal(Captures("arg:path", "result"), model.Slots[1].Captures);
        AssertAgreesWithRuntime(input, model, "Shop.Specs", "Spec");
    }

    [Fact]
    public void The_generator_pipeline_reads_properties_and_fields_through_ForAttributeWithMetadataName()
    {
        var input = TestCompiler.Compile(("Specs.cs", Domain + """

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification A => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope()).Check(c => c.Result() > 0);

                [PerformanceSpecification]
                public static readonly Specification B = Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static readonly Specification Broken = Specification.For<Uploader>("Missing")
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));
            }
            """));
        var collector = new Collector();
        Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver
            .Create([collector.AsSourceGenerator()], parseOptions: input.ParseOptions)
            .RunGenerators(input.Compilation, TestContext.Current.CancellationToken);

        Assert.Equal(["F:Shop.Specs.B", "P:Shop.Specs.A"], collector.Read.Select(m => m.Key).Order(StringComparer.Ordinal));
        Assert.Equal(Captures("result"), collector.Read.Single(m => m.Key == "P:Shop.Specs.A").ScopeCaptures);
    }

    [Fact]
    public void A_specification_with_errors_reads_as_null()
    {
        (FluentSpecification? model, List<Diagnostic> diagnostics) = Read(
            TestCompiler.Compile(("Specs.cs", Domain + """

                public static class Specs
                {
                    [PerformanceSpecification]
                    public static Specification Spec => Specification
                        .For<Uploader>(nameof(Uploader.Upload))
                        .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
                        .Check(t => t.Argument("file") == "x");
                }
                """)),
            "Spec");

        Assert.Null(model);
        Assert.Equal("VYPR0012", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Without_a_diagnostics_list_only_errors_are_looked_for()
    {
        // The warning-only checks walk the scope's body for every slot; the generator does not need them.
        var input = TestCompiler.Compile(("Specs.cs", Domain + """

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Spec => Specification
                    .For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.CountAsync)))
                    .Check(t => t.Duration() < Duration.Seconds(1));
            }
            """));
        (SyntaxNode declaration, ISymbol member, SemanticModel semantic) = Find(input, "Spec");

        Assert.NotNull(ChainReader.Read(member, declaration, semantic, TestContext.Current.CancellationToken, diagnostics: null));
        var diagnostics = new List<Diagnostic>();
        Assert.NotNull(ChainReader.Read(member, declaration, semantic, TestContext.Current.CancellationToken, diagnostics));
        Assert.Equal("VYPR0008", Assert.Single(diagnostics).Id);
    }

    private static (FluentSpecification? Model, CSharpCompilationResult Input) ReadSpecs(string members)
    {
        var input = TestCompiler.Compile(("Specs.cs", Domain + "\npublic static class Specs\n{\n" + members + "\n}\n"));
        (FluentSpecification? model, List<Diagnostic> diagnostics) = Read(input, "Spec");
        Assert.True(diagnostics.Count == 0, string.Join(Environment.NewLine, diagnostics));
        return (model, input);
    }

    private static (FluentSpecification? Model, List<Diagnostic> Diagnostics) Read(CSharpCompilationResult input, string member)
    {
        Assert.DoesNotContain(input.Compilation.GetDiagnostics(TestContext.Current.CancellationToken), d => d.Severity == DiagnosticSeverity.Error);
        (SyntaxNode declaration, ISymbol symbol, SemanticModel model) = Find(input, member);
        var diagnostics = new List<Diagnostic>();
        return (ChainReader.Read(symbol, declaration, model, TestContext.Current.CancellationToken, diagnostics), diagnostics);
    }

    private static (SyntaxNode Declaration, ISymbol Member, SemanticModel Model) Find(CSharpCompilationResult input, string member)
    {
        foreach (SyntaxTree tree in input.Compilation.SyntaxTrees)
        {
            SemanticModel model = input.Compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot(TestContext.Current.CancellationToken).DescendantNodes())
            {
                bool named = node switch
                {
                    PropertyDeclarationSyntax property => property.Identifier.ValueText == member,
                    VariableDeclaratorSyntax variable => variable.Identifier.ValueText == member && variable.Parent?.Parent is FieldDeclarationSyntax,
                    _ => false,
                };
                if (named)
                {
                    return (node, model.GetDeclaredSymbol(node, TestContext.Current.CancellationToken)!, model);
                }
            }
        }

        throw new InvalidOperationException("no member " + member);
    }

    /// <summary>
    /// Runs the specification member with the real DSL and compares its slots and captures with the model read
    /// from syntax: the reader must number NextCalls and attribute captures exactly as the runtime does.
    /// </summary>
    private static void AssertAgreesWithRuntime(CSharpCompilationResult input, FluentSpecification model, string type, string member)
    {
        Assembly assembly = TestCompiler.Load(input.Compilation);
        Type declaring = assembly.GetType(type)!;
        const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        object? value = declaring.GetProperty(member, Static)?.GetValue(null) ?? declaring.GetField(member, Static)?.GetValue(null);
        var specification = Assert.IsType<Specification>(value);

        var captures = specification.Slots.ToDictionary(s => s.Index, _ => new SortedSet<string>(StringComparer.Ordinal));
        foreach (Atom atom in specification.Atoms)
        {
            CollectCaptures(atom.Left, captures);
            if (atom.Right is { } right)
            {
                CollectCaptures(right, captures);
            }
        }

        var expected = specification.Slots.Select(s => new SlotModel(
            s.Index,
            s.Name,
            Enum.Parse<SlotKind>(s.Quantifier.Kind.ToString()),
            s.Quantifier.Method,
            s.Quantifier.DeclaringType,
            s.Quantifier.Variable,
            s.AfterSlot,
            s.IsNextCall,
            captures[s.Index].Select(CaptureName.Parse).ToEquatableArray()));
        Assert.Equal(expected, model.Slots);
    }

    private static void CollectCaptures(Term term, Dictionary<int, SortedSet<string>> captures)
    {
        switch (term)
        {
            case MeasuredTerm { CaptureName: { } capture } measured:
                captures[measured.Slot].Add(capture);
                break;
            case ArithmeticTerm arithmetic:
                CollectCaptures(arithmetic.Left, captures);
                CollectCaptures(arithmetic.Right, captures);
                break;
        }
    }

    private static EquatableArray<CaptureName> Captures(params string[] items) => items.Select(CaptureName.Parse).ToEquatableArray();

    /// <summary>A generator that only runs the reader as Vypr's generator wires it, to test that entry point.</summary>
    private sealed class Collector : IIncrementalGenerator
    {
        public List<FluentSpecification> Read { get; } = [];

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var read = context.SyntaxProvider.ForAttributeWithMetadataName(
                "Vypr.PerformanceSpecificationAttribute",
                static (node, _) => node is PropertyDeclarationSyntax or VariableDeclaratorSyntax,
                ChainReader.Read);
            context.RegisterSourceOutput(read, (_, model) =>
            {
                if (model is not null)
                {
                    lock (Read)
                    {
                        Read.Add(model);
                    }
                }
            });
        }
    }
}

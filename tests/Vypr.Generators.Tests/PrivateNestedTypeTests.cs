using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Vypr.Contracts;
using Vypr.Generators.Tests.Harness;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// A test's private (or protected) nested fake can only be named inside the type that contains it: when that type is
/// partial, the interceptor is declared in a partial declaration of it; when it is not, the call is reported with the fix.
/// </summary>
public sealed class PrivateNestedTypeTests
{
    private const string Source = """
        using Vypr;
        namespace Consumer.Tests
        {
            public partial class StoreTests
            {
                private sealed partial class FakeStore
                {
                    [MaxDuration("1s")] public int Put(int x) => x;
                    [MaxDuration("1s")] public static int Count(FakeStore store) => 1;
                    [MaxDuration("1s")] private int Secret() => 7;
                    public int Reveal() => Secret(); // probed
                }

                protected partial class Inner
                {
                    public sealed partial class Deeper { [MaxDuration("1s")] public string Get(Inner owner) => "deep"; }
                }

                public static int Run()
                {
                    var store = new FakeStore();
                    int total = store.Put(1); // probed
                    total += store.Put(2) + FakeStore.Count(store); // probed
                    total += store.Reveal();
                    return total + new Inner.Deeper().Get(new Inner()).Length; // probed
                }
            }
        }
        """;

    [Fact]
    public void Calls_of_a_private_nested_type_in_a_partial_test_class_are_intercepted_inside_it_and_give_verdicts()
    {
        CSharpCompilationResult input = Compile("PrivateNested", Source, "Vypr.Generated;Consumer");

        Assembly assembly = TestCompiler.GenerateAndLoad(input, out GeneratorRun run);
        IReadOnlyList<VerdictInfo> verdicts;
        using (var scope = TestScope.Begin(nameof(Calls_of_a_private_nested_type_in_a_partial_test_class_are_intercepted_inside_it_and_give_verdicts)))
        {
            object? total = assembly.GetType("Consumer.Tests.StoreTests")!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null);
            Assert.Equal(1 + 2 + 1 + 7 + 4, total);
            verdicts = scope.CollectVerdicts();
        }

        // Put twice, Count, Secret (through the fake's own method), Get: every call timed, each at its own line.
        MonitoredProgram.AssertProbedLines("PrivateNested.cs", Source, verdicts);
        Assert.Equal(5, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Value));
        Assert.Contains("partial class StoreTests", run.GeneratedSource, StringComparison.Ordinal);
        Assert.Contains("partial class FakeStore", run.GeneratedSource, StringComparison.Ordinal);
        Assert.DoesNotContain("| no |", run.WeavingReport, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_nested_type_of_a_class_that_is_not_partial_is_reported_with_the_fix_and_counted_once_per_method()
    {
        string source = Source.Replace("public partial class StoreTests", "public class StoreTests", StringComparison.Ordinal);
        CSharpCompilationResult input = Compile("NotPartial", source, "Vypr.Generated;Consumer");

        GeneratorRun run = TestCompiler.Generate(input);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputDiagnostics);
        Assert.Contains(
            "'Consumer.Tests.StoreTests.FakeStore' is a private nested type, so only code inside the type that contains it can name it; make 'Consumer.Tests.StoreTests' partial, so that the interceptor can be declared inside 'Consumer.Tests.StoreTests.FakeStore', or make the nested type internal, or set <VyprWeaving>IL</VyprWeaving>",
            run.WeavingReport,
            StringComparison.Ordinal);
        Assert.Contains("| `Consumer.Tests.StoreTests.FakeStore.Put(int)` | 2 | 2 naming a private nested type of a type that is not partial |", run.WeavingReport, StringComparison.Ordinal);

        ImmutableDiagnostics summaries = Analyze(input);
        Assert.Contains(
            summaries.Messages("VYPR0018"),
            m => m.StartsWith("2 calls of 'Consumer.Tests.StoreTests.FakeStore.Put(int)' in this compilation cannot be timed by interceptors (2 naming a private nested type of a type that is not partial)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_partial_host_in_a_namespace_the_project_does_not_list_is_reported_with_the_property_to_set()
    {
        CSharpCompilationResult input = Compile("Unlisted", Source, "Vypr.Generated");

        GeneratorRun run = TestCompiler.Generate(input);

        Assert.Empty(run.OutputDiagnostics);
        Assert.Contains("would be in namespace 'Consumer.Tests', which the project does not list for interceptors: add <InterceptorsNamespaces>$(InterceptorsNamespaces);Consumer.Tests</InterceptorsNamespaces>", run.WeavingReport, StringComparison.Ordinal);
    }

    // A generic library method called with a test's private record as its type argument (CsvHelper's GetRecord<T> in
    // a trial): the only type that can name the record is the test class, and an interceptor of the library's method
    // cannot be declared there, so the report must not tell the user to make the library's type partial.
    private const string Reader = """
        using Vypr;
        namespace Library
        {
            public class Reader { [MaxDuration("1s")] public T Get<T>() where T : new() => new T(); }
        }
        """;

    private const string ReaderTests = """
        namespace Consumer.Tests
        {
            public partial class ReadingTests
            {
                private sealed class Row { }
                public static object Run() => new Library.Reader().Get<Row>();
            }
        }
        """;

    [Fact]
    public void A_private_nested_type_argument_of_a_method_of_another_assembly_is_reported_without_asking_for_a_partial_type_there()
    {
        CSharpCompilationResult library = TestCompiler.Compile("ReaderLibrary", null, ("Reader.cs", Reader));
        CSharpCompilationResult input = Compile("ReaderTests", ReaderTests, "Vypr.Generated;Consumer", [library.Compilation.ToMetadataReference()]);

        GeneratorRun run = TestCompiler.Generate(input);

        Assert.Empty(run.OutputDiagnostics);
        Assert.Contains(
            "'Consumer.Tests.ReadingTests.Row' is a private nested type, so only code inside the type that contains it can name it; its interceptor would have to be declared inside 'Library.Reader', which is compiled in another assembly ('ReaderLibrary'), or make the nested type internal, or set <VyprWeaving>IL</VyprWeaving>",
            run.WeavingReport,
            StringComparison.Ordinal);
        Assert.DoesNotContain("make 'Library.Reader' partial", run.WeavingReport, StringComparison.Ordinal);
    }

    [Fact]
    public void A_private_nested_type_argument_that_the_called_type_cannot_name_is_reported_as_such_even_when_that_type_is_not_partial()
    {
        CSharpCompilationResult input = Compile("ReaderTogether", Reader + ReaderTests, "Vypr.Generated;Consumer");

        GeneratorRun run = TestCompiler.Generate(input);

        Assert.Empty(run.OutputDiagnostics);
        Assert.Contains("not even code inside 'Library.Reader' can name every type of the call", run.WeavingReport, StringComparison.Ordinal);
        Assert.DoesNotContain("make 'Library.Reader' partial", run.WeavingReport, StringComparison.Ordinal);
    }

    private static CSharpCompilationResult Compile(string assemblyName, string source, string interceptorsNamespaces, IEnumerable<MetadataReference>? references = null)
    {
        CSharpParseOptions options = TestCompiler.ParseOptions.WithFeatures([new KeyValuePair<string, string>("InterceptorsNamespaces", interceptorsNamespaces)]);
        CSharpCompilationResult plain = TestCompiler.Compile(assemblyName, references, ("PrivateNested.cs", source));
        CSharpCompilation compilation = plain.Compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, options, "PrivateNested.cs", cancellationToken: TestContext.Current.CancellationToken));
        return new CSharpCompilationResult(compilation, options);
    }

    private static ImmutableDiagnostics Analyze(CSharpCompilationResult input)
    {
        var analyzers = new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzers(
            input.Compilation,
            [new Vypr.Generators.Analyzers.WeavingCoverageAnalyzer()],
            new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzersOptions(new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([]), null, true, false, false));
        return new ImmutableDiagnostics(analyzers.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult());
    }

    private sealed record ImmutableDiagnostics(System.Collections.Immutable.ImmutableArray<Diagnostic> All)
    {
        public string[] Messages(string id) => All.Where(d => d.Id == id).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}

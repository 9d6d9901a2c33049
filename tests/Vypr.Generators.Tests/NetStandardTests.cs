using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Vypr.Contracts;
using Vypr.Generators.Tests.Harness;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// A library that targets netstandard2.0, compiled against netstandard2.0's reference assemblies and the runtime's
/// netstandard2.0 build, then loaded into this .NET process as a test project loads it (its references resolve to
/// the .NET builds here): the generated code compiles there and its probes fire.
/// </summary>
public sealed class NetStandardTests
{
    private const string Library = """
        using System.Threading.Tasks;
        using Vypr;
        public static class Program
        {
            public static async Task Run()
            {
                var store = new Store();
                store.Put("a"); // probed
                Maths.Twice(21); // probed
                await store.SaveAsync(); // probed
                await store.LoadAsync(); // probed
            }
        }
        public class Store
        {
            private int _count;
            [MaxDuration("1s")] public int Put(string? key) => ++_count;
            [MaxDuration("1s")] public async Task SaveAsync() => await Task.Yield();
            [MaxDuration("1s")] public ValueTask<int> LoadAsync() => new ValueTask<int>(_count);
        }
        public static class Maths
        {
            [MaxDuration("1s")] public static int Twice(int x) => 2 * x;
        }
        """;

    private static readonly Lazy<MetadataReference[]> s_references = new(() =>
        typeof(NetStandardTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NetStandardReferences").Value!
            .Split('|')
            .SelectMany(directory => Directory.GetFiles(directory, "*.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    [Fact]
    public async Task A_netstandard2_0_library_compiles_its_interceptors_and_its_calls_are_timed_by_the_runtime_it_runs_on()
    {
        CSharpCompilationResult input = Compile("NetStandardLibrary", LanguageVersion.CSharp12, Library);
        Assert.Null(input.Compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ModuleInitializerAttribute"));

        Assembly assembly = TestCompiler.GenerateAndLoad(input, out GeneratorRun run);

        // netstandard2.0 has no ModuleInitializerAttribute: the generated files declare it, file-local.
        Assert.Contains("file sealed class ModuleInitializerAttribute", run.GeneratedSource, StringComparison.Ordinal);
        Assert.Equal("netstandard", assembly.GetReferencedAssemblies().Single(a => a.Name == "netstandard").Name);

        // Registered by the module initializer before any call: the compiler honoured the file-local attribute.
        int before = MonitorRegistry.Specifications.Count;
        RuntimeHelpers_RunModuleConstructor(assembly);
        Assert.Contains(MonitorRegistry.Specifications.Skip(before), s => s.Method.Contains("Store.SaveAsync", StringComparison.Ordinal));

        IReadOnlyList<VerdictInfo> verdicts;
        using (var scope = TestScope.Begin("netstandard2.0 library"))
        {
            await (Task)assembly.GetType("Program")!.GetMethod("Run")!.Invoke(null, null)!;
            verdicts = scope.CollectVerdicts();
        }

        MonitoredProgram.AssertProbedLines("NetStandardLibrary.cs", Library, verdicts);
        Assert.Equal(4, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Value));
        Assert.All(verdicts, v => Assert.Equal("Program.Run()", MonitoredProgram.SiteOf(v).Caller));
    }

    [Fact]
    public void Below_CSharp_12_nothing_is_woven_and_VYPR0020_names_the_LangVersion_to_set()
    {
        const string source = """
            using Vypr;
            public static class Program
            {
                public static int Run() { return Maths.Twice(21); }
            }
            public static class Maths
            {
                [MaxDuration("1s")] public static int Twice(int x) { return 2 * x; }
            }
            """;
        CSharpCompilationResult input = Compile("OldLanguage", LanguageVersion.CSharp7_3, source);

        GeneratorRun run = TestCompiler.Generate(input);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("VYPR0020", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Contains("set <LangVersion>12.0</LangVersion>", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("compiles C# 7.3", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Output.SyntaxTrees, t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal));
        Assert.Empty(run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_private_method_is_reported_not_woven_where_the_target_framework_has_no_UnsafeAccessor()
    {
        const string source = """
            using Vypr;
            public static class Program
            {
                public static int Run() => new Store().PutTwice();
            }
            public class Store
            {
                [MaxDuration("1s")] private int Put() => 1;
                public int PutTwice() => Put() + Put();
            }
            """;
        CSharpCompilationResult input = Compile("NoAccessor", LanguageVersion.CSharp12, source);

        GeneratorRun run = TestCompiler.Generate(input);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputDiagnostics);
        Assert.DoesNotContain("UnsafeAccessor(", run.GeneratedSource ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("this target framework has no UnsafeAccessor (.NET 8 or later)", run.WeavingReport, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_annotated_with_a_libraries_own_internal_NotNull_polyfill_is_intercepted_where_no_NotNull_is_accessible()
    {
        // The library under test polyfills [NotNull] internally, as netstandard2.0 libraries do (by hand or with
        // PolySharp); its callers compiled for netstandard2.0 see no accessible NotNullAttribute at all, only internal
        // ones (the library's and Vypr.Specs'): the interceptor cannot name one, yet must repeat the annotation (CS9159).
        const string library = """
            using System.Diagnostics.CodeAnalysis;
            using Vypr;
            namespace System.Diagnostics.CodeAnalysis
            {
                [System.AttributeUsage(System.AttributeTargets.Parameter)]
                internal sealed class NotNullAttribute : System.Attribute { }
            }
            public static class Guard
            {
                [MaxDuration("1s")] public static string Checked([NotNull] string? value) => value ?? throw new System.ArgumentNullException(nameof(value));
            }
            """;
        const string caller = """
            public static class Program
            {
                public static int Run() => Guard.Checked("text").Length;
            }
            """;
        CSharpCompilationResult libraryInput = Compile("PolyfilledLibrary", LanguageVersion.CSharp12, library);
        using var image = new MemoryStream();
        Assert.True(libraryInput.Compilation.Emit(image, cancellationToken: TestContext.Current.CancellationToken).Success);
        CSharpCompilationResult callerInput = Compile("PolyfilledCaller", LanguageVersion.CSharp12, caller, MetadataReference.CreateFromImage(image.ToArray()));

        GeneratorRun run = TestCompiler.Generate(callerInput);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.OutputDiagnostics);
        Assert.Empty(run.Output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains("Checked_3_38", run.GeneratedSource ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("file sealed class NotNullAttribute", run.GeneratedSource, StringComparison.Ordinal);
    }

    private static void RuntimeHelpers_RunModuleConstructor(Assembly assembly) =>
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);

    private static CSharpCompilationResult Compile(string assemblyName, LanguageVersion language, string source, params MetadataReference[] extra)
    {
        CSharpParseOptions options = TestCompiler.ParseOptions.WithLanguageVersion(language);
        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, options, assemblyName + ".cs")],
            s_references.Value.Concat(extra),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: language >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable));
        return new CSharpCompilationResult(compilation, options);
    }
}

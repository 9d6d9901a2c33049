using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// The generated files declare <c>InterceptsLocationAttribute</c> once per compilation, internal (a copy per generated
/// file made the compiler's lookup of every [InterceptsLocation] cost as much as the rest of the generated code). A
/// test project that sees a woven library's internals must still build without warnings: it uses the library's
/// declaration, or, seeing two, declares its own and the CS0436 about it is silenced in the generated files.
/// </summary>
public sealed class InterceptsLocationDeclarationTests
{
    private static string Library(string name) => $$"""
        using Vypr;
        [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Consumer")]
        namespace {{name}}
        {
            public static class Maths
            {
                [MaxDuration("1s")] public static int Twice(int x) => 2 * x;
                public static int Quadruple(int x) => Twice(Twice(x));
            }
        }
        """;

    private const string Calls = """
        using Vypr;
        public static class Program
        {
            public static object Run() => Lib1.Maths.Twice(1) + Local.Three() + Local.Three();
        }
        public static class Local
        {
            [MaxDuration("1s")] public static int Three() => 3;
        }
        """;

    [Fact]
    public void Every_generated_file_of_a_compilation_shares_one_declaration()
    {
        GeneratorRun run = TestCompiler.Generate(TestCompiler.Compile(("A.cs", Calls.Replace("Lib1.Maths.Twice(1) + ", string.Empty, StringComparison.Ordinal)), ("B.cs", "public static class B { public static int Run() => Local.Three(); }")));

        string[] files = run.Driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()).ToArray();
        Assert.True(files.Count(f => f.Contains("InterceptsLocation(1,", StringComparison.Ordinal)) >= 2, "the calls of two source files are in files of their own");
        Assert.Equal(1, files.Sum(f => f.Split("class InterceptsLocationAttribute", StringSplitOptions.None).Length - 1));
        Assert.Empty(run.OutputDiagnostics);
    }

    [Fact]
    public void A_project_that_sees_a_woven_librarys_internals_uses_its_declaration_and_builds_without_warnings()
    {
        MetadataReference library = Woven("Lib1");

        GeneratorRun run = Assembly(Calls, library);

        Assert.DoesNotContain("class InterceptsLocationAttribute", run.GeneratedSource, StringComparison.Ordinal);
    }

    [Fact]
    public void A_project_that_sees_two_woven_libraries_internals_declares_its_own_and_builds_without_warnings()
    {
        MetadataReference first = Woven("Lib1");
        MetadataReference second = Woven("Lib2");

        GeneratorRun run = Assembly(Calls.Replace("Lib1.Maths.Twice(1)", "Lib1.Maths.Twice(1) + Lib2.Maths.Twice(1)", StringComparison.Ordinal), first, second);

        Assert.Contains("internal sealed class InterceptsLocationAttribute", run.GeneratedSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_generators_file_local_declaration_in_a_project_that_sees_a_woven_librarys_internals_does_not_clash()
    {
        // ASP.NET's and the configuration binder's generators declare the attribute file-local in their own file. (An
        // internal declaration there would draw CS0436 in that file: checked by hand, written in docs/benchmarks.md.)
        const string other = """
            namespace System.Runtime.CompilerServices
            {
                [global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]
                file sealed class InterceptsLocationAttribute : global::System.Attribute
                {
                    public InterceptsLocationAttribute(int version, string data) { }
                }
            }
            namespace Other
            {
                file static class Uses
                {
                    [global::System.Runtime.CompilerServices.InterceptsLocation(1, "")]
                    public static void Nothing() { }
                }
            }
            """;
        var compilation = TestCompiler.Compile("Consumer", [Woven("Lib1")], ("Other.g.cs", other)).Compilation;

        Assert.DoesNotContain(compilation.GetDiagnostics(TestContext.Current.CancellationToken), d => d.Id is "CS0436" or "CS0101" or "CS0433");
    }

    private static MetadataReference Woven(string name)
    {
        GeneratorRun run = TestCompiler.Generate(TestCompiler.Compile(name, null, (name + ".cs", Library(name))));
        Assert.Empty(run.OutputDiagnostics);
        Assert.Contains("internal sealed class InterceptsLocationAttribute", run.GeneratedSource, StringComparison.Ordinal);
        return run.Output.ToMetadataReference();
    }

    // Emitted with every warning reported (CS0436 among them): a build with warnings as errors passes.
    private static GeneratorRun Assembly(string source, params MetadataReference[] libraries)
    {
        GeneratorRun run = TestCompiler.Generate(TestCompiler.Compile("Consumer", libraries, ("Program.cs", source)));
        Assert.Contains("InterceptsLocation(1,", run.GeneratedSource, StringComparison.Ordinal);
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(new System.IO.MemoryStream());
        Assert.True(emitted.Success && emitted.Diagnostics.All(d => d.Severity < DiagnosticSeverity.Warning), string.Join(Environment.NewLine, emitted.Diagnostics));
        return run;
    }
}

using System.Linq;
using Vypr.Contracts;
using Vypr.Generators.Tests.Harness;
using Vypr.Tests.Shared.Corpus;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>Every call shape the generator intercepts: expected source, then compiled and run to see each probe fire.</summary>
public sealed class CallShapeTests
{
    [Fact]
    public void Static_call()
    {
        const string source = CallShapePrograms.StaticCall;
        var (run, verdicts) = MonitoredProgram.Execute("StaticCall.cs", source);

        ExpectedFiles.Match("StaticCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("StaticCall.cs", source, verdicts);
        VerdictInfo verdict = Assert.Single(verdicts);
        Assert.True(verdict.Value);
        Assert.False(verdict.Threw);
        Assert.Equal("MaxDuration(\"1s\")", MonitoredProgram.SpecificationOf(verdict).Text);
        Assert.Equal(1_000_000_000L, MonitoredProgram.SpecificationOf(verdict).BoundNanoseconds);
        Assert.Equal(verdict.Severity, 1_000_000_000L - verdict.DurationNanoseconds);
    }

    [Fact]
    public void Instance_calls_from_outside_and_inside_the_declaring_class()
    {
        const string source = CallShapePrograms.InstanceCall;
        var (run, verdicts) = MonitoredProgram.Execute("InstanceCall.cs", source);

        ExpectedFiles.Match("InstanceCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("InstanceCall.cs", source, verdicts);
        Assert.Equal(3, verdicts.Count);
        Assert.Equal("Store.PutTwice(string)", MonitoredProgram.SiteOf(verdicts[1]).Caller);
    }

    [Fact]
    public void Generic_methods_with_inferred_and_explicit_type_arguments()
    {
        const string source = CallShapePrograms.GenericCall;
        var (run, verdicts) = MonitoredProgram.Execute("GenericCall.cs", source);

        ExpectedFiles.Match("GenericCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("GenericCall.cs", source, verdicts);
        Assert.Equal(4, verdicts.Count);
    }

    [Fact]
    public void Methods_of_generic_types_called_with_concrete_type_arguments()
    {
        const string source = CallShapePrograms.GenericTypeCall;
        var (run, verdicts) = MonitoredProgram.Execute("GenericTypeCall.cs", source);

        ExpectedFiles.Match("GenericTypeCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("GenericTypeCall.cs", source, verdicts);
        Assert.Equal(3, verdicts.Count);
    }

    [Fact]
    public void Extension_method_calls_in_reduced_and_static_form()
    {
        const string source = CallShapePrograms.ExtensionCall;
        var (run, verdicts) = MonitoredProgram.Execute("ExtensionCall.cs", source);

        ExpectedFiles.Match("ExtensionCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("ExtensionCall.cs", source, verdicts);
    }

    [Fact]
    public void Async_calls_are_timed_until_their_task_completes()
    {
        const string source = CallShapePrograms.AsyncCall;
        var (run, verdicts) = MonitoredProgram.Execute("AsyncCall.cs", source);

        ExpectedFiles.Match("AsyncCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("AsyncCall.cs", source, verdicts);
        Assert.Equal(4, verdicts.Count);

        // Timed to completion: each delayed call lasts at least its delay, not just until its first await.
        // Verdicts arrive in the order calls completed and were drained, so calls are told apart by their line.
        var delayed = verdicts.Where(v => MonitoredProgram.SiteOf(v).Line is 8 or 9 or 10).ToArray();
        Assert.Equal(3, delayed.Length);
        Assert.All(delayed, v => Assert.True(v.DurationNanoseconds >= 50_000_000, $"{v.DurationNanoseconds} ns"));
        Assert.All(verdicts, v => Assert.False(v.Threw));
    }

    [Fact]
    public void Interface_calls_fire_only_for_monitored_implementations()
    {
        const string source = CallShapePrograms.InterfaceCall;
        var (run, verdicts) = MonitoredProgram.Execute("InterfaceCall.cs", source);

        ExpectedFiles.Match("InterfaceCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("InterfaceCall.cs", source, verdicts);

        // Three receivers went through the interface call site: two are monitored, the third is not.
        Assert.Equal(["MaxDuration(\"1s\")", "MaxDuration(\"2s\")", "MaxDuration(\"1s\")"], verdicts.Select(v => MonitoredProgram.SpecificationOf(v).Text));
        Assert.Equal(["SizeRule.Check(int)", "FormatRule.IRule.Check(int)", "SizeRule.Check(int)"], verdicts.Select(v => MonitoredProgram.SpecificationOf(v).Method));
    }

    [Fact]
    public void Virtual_calls_fire_only_when_the_monitored_override_runs()
    {
        const string source = CallShapePrograms.VirtualCall;
        var (run, verdicts) = MonitoredProgram.Execute("VirtualCall.cs", source);

        ExpectedFiles.Match("VirtualCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("VirtualCall.cs", source, verdicts);

        // Job.Execute and FastJob.Execute ran and are monitored; PlainJob's override is not.
        Assert.Equal(["Job.Execute()", "FastJob.Execute()"], verdicts.Select(v => MonitoredProgram.SpecificationOf(v).Method));
    }

    [Fact]
    public void Private_methods_are_reached_through_an_unsafe_accessor()
    {
        const string source = CallShapePrograms.PrivateCall;
        var (run, verdicts) = MonitoredProgram.Execute("PrivateCall.cs", source);

        ExpectedFiles.Match("PrivateCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("PrivateCall.cs", source, verdicts);
        Assert.Equal(2, verdicts.Count);
    }

    [Fact]
    public void Calls_that_throw_still_get_verdicts()
    {
        const string source = CallShapePrograms.ThrowingCall;
        var (_, verdicts) = MonitoredProgram.Execute("ThrowingCall.cs", source);

        MonitoredProgram.AssertProbedLines("ThrowingCall.cs", source, verdicts);
        Assert.Equal(3, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Threw));
        Assert.All(verdicts, v => Assert.True(v.Value, "a call that throws quickly still meets a duration bound"));
    }

    [Fact]
    public void Ref_out_in_parameters_struct_receivers_and_null_conditional_calls()
    {
        const string source = CallShapePrograms.RefCall;
        var input = TestCompiler.Compile(("RefCall.cs", source));
        var assembly = TestCompiler.GenerateAndLoad(input, out GeneratorRun run);
        using var scope = Vypr.Runtime.TestScope.Begin("RefCall");
        object? result = TestCompiler.RunProgram(assembly);

        ExpectedFiles.Match("RefCall", run.GeneratedSource);

        // The struct was mutated in place through the interceptor (ref receiver), and ref/out values flowed back.
        Assert.Equal(2 + 5 + 10 + 4, result);
        var verdicts = scope.CollectVerdicts();
        MonitoredProgram.AssertProbedLines("RefCall.cs", source, verdicts);
    }

    [Fact]
    public void Calls_into_a_referenced_library_are_intercepted_in_the_calling_compilation()
    {
        const string library = """
            using Vypr;
            namespace Lib;
            public class Codec
            {
                [MaxDuration("1s")] public byte[] Encode(string s) => System.Text.Encoding.UTF8.GetBytes(s);
                public byte[] EncodeTwice(string s) { Encode(s); return Encode(s); }
            }
            """;
        var libraryInput = TestCompiler.Compile("CodecLibrary", null, ("Codec.cs", library));
        var libraryAssembly = TestCompiler.GenerateAndLoad(libraryInput, out GeneratorRun libraryRun);
        using var image = new System.IO.MemoryStream();
        Assert.True(libraryRun.Output.Emit(image, cancellationToken: TestContext.Current.CancellationToken).Success);
        var reference = Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray());

        const string source = """
            public static class Program
            {
                public static object Run() => new Lib.Codec().Encode("hello").Length; // probed
            }
            """;
        var input = TestCompiler.Compile("LibraryCall", [reference], ("LibraryCall.cs", source));
        var run = TestCompiler.Generate(input);

        Assert.Empty(run.OutputDiagnostics);
        ExpectedFiles.Match("LibraryCall", run.GeneratedSource);
        Assert.Contains("global::Lib.Codec", run.GeneratedSource);
        Assert.NotNull(libraryAssembly);
    }

    [Fact]
    public void Emits_nothing_when_nothing_is_monitored()
    {
        var run = TestCompiler.Generate(TestCompiler.Compile(("Plain.cs", """
            public static class Program
            {
                public static int Run() => Maths.Twice(2);
            }
            public static class Maths { public static int Twice(int x) => 2 * x; }
            """)));

        Assert.Null(run.GeneratedSource);
        Assert.Empty(run.Driver.GetRunResult().GeneratedTrees);
    }

    [Fact]
    public void Declared_specifications_are_registered_even_when_no_call_reaches_them()
    {
        var run = TestCompiler.Generate(TestCompiler.Compile(("Unreached.cs", """
            using Vypr;
            public static class Maths { [MaxDuration("3ms")] public static int Twice(int x) => 2 * x; }
            """)));

        string generated = Assert.IsType<string>(run.GeneratedSource);
        Assert.Contains("RegisterSpecification(\"M:Maths.Twice(System.Int32)~System.Int32\", \"Maths.Twice(int)\", \"MaxDuration(\\\"3ms\\\")\", 3000000L)", generated);
        Assert.DoesNotContain("InterceptsLocation(1", generated);
    }
}

using System.Linq;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>The weaving report the generator emits: every call reaching a monitored or scoped method, woven or not, and why.</summary>
public sealed class WeavingReportTests
{
    private const string Validators = """
        using System.Collections.Generic;
        using Vypr;
        public interface IRule<T, TValue> { bool Check(T instance, TValue value); }
        public sealed class NotEmptyRule<T, TValue> : IRule<T, TValue>
        {
            [MaxDuration("1ms")] public bool Check(T instance, TValue value) => value is not null;
        }
        public sealed class Person { public string? Name; }
        public static class Program
        {
            public static object Run()
            {
                var rule = new NotEmptyRule<Person, string?>();
                IRule<Person, string?> general = rule;
                var p = new Person { Name = "x" };
                return rule.Check(p, p.Name) && general.Check(p, p.Name) && Forward(rule, p, p.Name);
            }

            private static bool Forward<TValue>(NotEmptyRule<Person, TValue> rule, Person p, TValue value) => rule.Check(p, value);
        }
        """;

    [Fact]
    public void The_call_sites_not_woven_are_registered_with_the_runtime_so_its_table_does_not_say_not_reached()
    {
        var input = TestCompiler.Compile(("Validators.cs", Validators));
        System.Reflection.Assembly assembly = TestCompiler.GenerateAndLoad(input, out GeneratorRun run);

        // Two of the three calls of Check are not woven (through IRule, and in generic code over TValue).
        Assert.Contains("global::Vypr.Runtime.MonitorRegistry.RegisterUnwovenCalls(VyprShared_Validators.Spec1, 2, \"Validators\");", run.GeneratedSource, System.StringComparison.Ordinal);
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
    }

    [Fact]
    public void A_quantified_call_that_cannot_be_intercepted_is_registered_as_not_woven_by_its_specification_key()
    {
        // CsvHelper's NextRecord calling its protected virtual FlushBuffer (a trial): an UnsafeAccessor cannot make
        // a virtual call, so the call is not woven, and the end-of-run table must not call the specification "not
        // reached by any call" while every call of it happened.
        var input = TestCompiler.Compile(("Writer.cs", """
            using Vypr;
            public class Writer
            {
                public int Flushed;
                public void Next() { Flush(); }
                protected virtual void Flush() { Flushed++; }
            }
            public static class Specs
            {
                [PerformanceSpecification]
                internal static Specification FlushIsFast => Specification.For<Writer>(nameof(Writer.Next))
                    .Forall("t", Calls.To("Flush"))
                    .Check(t => t.Duration() <= Duration.Milliseconds(10));
            }
            public static class Program
            {
                public static object Run() { var w = new Writer(); w.Next(); return w.Flushed; }
            }
            """));
        System.Reflection.Assembly assembly = TestCompiler.GenerateAndLoad(input, out GeneratorRun run);

        Assert.Contains("global::Vypr.Runtime.MonitorRegistry.RegisterUnwovenCalls(\"P:Specs.FlushIsFast\", 1, \"" + input.Compilation.AssemblyName + "\");", run.GeneratedSource, System.StringComparison.Ordinal);
        Assert.Contains("'Flush' is not accessible to generated code and cannot be reached through an UnsafeAccessor", run.WeavingReport, System.StringComparison.Ordinal);
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        Assert.Equal(1, TestCompiler.RunProgram(assembly));
    }

    [Fact]
    public void Lists_each_call_woven_and_not_woven_with_the_reason_and_a_summary_per_method()
    {
        var run = TestCompiler.Generate(TestCompiler.Compile(("Validators.cs", Validators)));
        string report = Assert.IsType<string>(run.WeavingReport);
        string[] lines = report.Split('\n');

        Assert.Equal("/*", lines[2]);
        Assert.Equal("# Vypr weaving report: " + run.Input.Compilation.AssemblyName, lines[3]);
        Assert.Contains("3 call sites reach a monitored or scoped method: 1 woven by interceptors, 2 not woven.", lines);
        Assert.Contains("| `NotEmptyRule<T, TValue>.Check(T, TValue)` | 2 | 1 through a generic interface, 1 in generic code over type parameters |", lines);
        string[] sites = lines.Where(l => l.StartsWith("| `Validators.cs:", System.StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, sites.Length);
        Assert.StartsWith("| `Validators.cs:16:21` | `Program.Run()` | `NotEmptyRule<T, TValue>.Check(T, TValue)` | yes | intercepted |", sites[0], System.StringComparison.Ordinal);
        Assert.StartsWith("| `Validators.cs:16:49` | `Program.Run()` | `NotEmptyRule<T, TValue>.Check(T, TValue)` | no | the call goes through the interface member 'IRule<T, TValue>.Check(T, TValue)'", sites[1], System.StringComparison.Ordinal);
        Assert.StartsWith("| `Validators.cs:19:108` | `Program.Forward<TValue>(NotEmptyRule<Person, TValue>, Person, TValue)` | `NotEmptyRule<T, TValue>.Check(T, TValue)` | no | the call is inside generic code over 'TValue'", sites[2], System.StringComparison.Ordinal);
        Assert.Equal("*/", lines[^2]);
        Assert.Empty(run.OutputDiagnostics);
    }

    [Fact]
    public void Markup_in_names_cannot_end_the_comment_or_a_table_cell()
    {
        // Paths come from the user's file system: '|' and "*/" are legal in them and must not break the report.
        var run = TestCompiler.Generate(TestCompiler.Compile(("odd|dir*/Calls.cs", """
            using Vypr;
            public static class Program
            {
                public static object Run() => Maths.Twice(21);
            }
            public static class Maths
            {
                [MaxDuration("1s")] public static int Twice(int x) => 2 * x;
            }
            """)));

        string report = Assert.IsType<string>(run.WeavingReport);
        Assert.Contains("| `odd\\|dir* /Calls.cs:4:41` |", report, System.StringComparison.Ordinal);
        Assert.Equal(1, report.Split("*/").Length - 1);
        Assert.Empty(run.OutputDiagnostics);
    }
}

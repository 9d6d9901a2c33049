using System.Linq;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

public sealed class AnalyzerTests
{
    [Theory]
    [InlineData("\"50 parsecs\"", "\"parsecs\" is not a duration unit")]
    [InlineData("\"fast\"", "does not start with a number")]
    [InlineData("\"50\"", "has no unit")]
    [InlineData("\"0ms\"", "is not positive")]
    [InlineData("\"-5ms\"", "is not positive")]
    [InlineData("\"\"", "the duration is empty")]
    [InlineData("\"0.5ns\"", "not a whole number of nanoseconds")]
    [InlineData("null", "the duration is null")]
    public void VYPR0001_reports_a_malformed_bound_at_the_argument(string bound, string reason)
    {
        var diagnostics = AnalyzerHarness.Verify($$"""
            using Vypr;
            public class Store
            {
                [MaxDuration({|VYPR0001:{{bound}}|})]
                public void Put() { }
            }
            """);

        string message = Assert.Single(diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(reason, message);
        Assert.Contains("'Store.Put()'", message);
    }

    [Fact]
    public void VYPR0001_checks_the_number_and_unit_form_too()
    {
        AnalyzerHarness.Verify("""
            using Vypr;
            public class Store
            {
                [MaxDuration({|VYPR0001:-3|}, DurationUnit.Milliseconds)] public void Put() { }
                [MaxDuration(2.5, DurationUnit.Milliseconds)] public void Get() { }
            }
            """);
    }

    [Fact]
    public void VYPR0003_reports_dynamic_calls_that_may_reach_a_monitored_method()
    {
        AnalyzerHarness.Verify("""
            using Vypr;
            public class Store
            {
                [MaxDuration("50ms")] public int Put(int x) => x;
                public int Other(int x) => x;
                public void Run(dynamic d, Store s)
                {
                    d.{|VYPR0003:Put|}(1);
                    s.{|VYPR0003:Put|}(d);
                    d.Other(1);
                }
            }
            """);
    }

    [Fact]
    public void Valid_bounds_report_nothing()
    {
        AnalyzerHarness.Verify("""
            using Vypr;
            public class Store
            {
                [MaxDuration("50ms")] public void A() { }
                [MaxDuration("1.5s")] public void B() { }
                [MaxDuration("200us")] public void C() { }
                [MaxDuration("250 µs")] public void D() { }
                [MaxDuration("2min")] public void E() { }
                [MaxDuration("100ns")] public void F() { }
                public void Calls() { A(); B(); C(); D(); E(); F(); }
            }
            """);
    }

    [Fact]
    public void VYPR0002_reports_specifications_on_methods_without_a_body()
    {
        AnalyzerHarness.Verify("""
            using Vypr;
            public interface IStore
            {
                [{|VYPR0002:MaxDuration("5ms")|}] void Put();
            }
            public abstract class StoreBase
            {
                [{|VYPR0002:MaxDuration("5ms")|}] public abstract void Put();
                [MaxDuration("5ms")] public virtual void Get() { }
            }
            """);
    }

    [Fact]
    public void VYPR0005_reports_specifications_on_members_whose_calls_cannot_be_intercepted()
    {
        AnalyzerHarness.Verify("""
            using Vypr;
            public struct Money
            {
                public decimal Amount;
                public decimal Rounded { [{|VYPR0005:MaxDuration("1ms")|}] get => decimal.Round(Amount, 2); }
                [{|VYPR0005:MaxDuration("1ms")|}] public static Money operator +(Money a, Money b) => new() { Amount = a.Amount + b.Amount };
                public decimal Total(decimal[] items)
                {
                    decimal sum = 0;
                    foreach (decimal item in items) sum += Add(item);
                    return sum;

                    [{|VYPR0005:MaxDuration("1ms")|}] decimal Add(decimal x) => x;
                }

                [MaxDuration("1ms")] public decimal Round() => decimal.Round(Amount, 2);
            }
            """);
    }

    [Fact]
    public void VYPR0003_reports_calls_the_generator_cannot_intercept()
    {
        AnalyzerHarness.Verify("""
            using Vypr;
            public class Job
            {
                [MaxDuration("5ms")] public virtual int Run() => 1;
            }
            public class RetryingJob : Job
            {
                public override int Run() => base.{|VYPR0003:Run|}() + 1;
            }
            public class Box
            {
                [MaxDuration("5ms")] public T Echo<T>(T value) => value;
                public T Forward<T>(T value) => {|VYPR0003:Echo|}(value);
                public int Concrete() => Echo(4);
            }
            """);
    }

    [Fact]
    public void VYPR0003_reports_calls_into_file_local_types_and_the_generated_code_still_compiles()
    {
        const string source = """
            using Vypr;
            file static class Local
            {
                [MaxDuration("5ms")] public static int Twice(int x) => 2 * x;
            }
            public static class Program
            {
                public static int Run() => Local.{|VYPR0003:Twice|}(2);
            }
            """;
        AnalyzerHarness.Verify(source);

        var run = TestCompiler.Generate(TestCompiler.Compile(("FileLocal.cs", source.Replace("{|VYPR0003:", string.Empty, System.StringComparison.Ordinal).Replace("|}", string.Empty, System.StringComparison.Ordinal))));
        Assert.Empty(run.OutputDiagnostics);
        Assert.DoesNotContain("InterceptsLocation(1", run.GeneratedSource);
    }

    [Fact]
    public void VYPR0004_reports_monitored_methods_used_as_delegates()
    {
        var diagnostics = AnalyzerHarness.Verify("""
            using System;
            using System.Linq;
            using Vypr;
            public class Rules
            {
                [MaxDuration("5ms")] public static bool IsValid(int x) => x > 0;
                public bool All(int[] xs) => xs.All({|VYPR0004:IsValid|});
                public bool AllInLambda(int[] xs) => xs.All(x => IsValid(x));
                public Func<int, bool> Get() => {|VYPR0004:IsValid|};
            }
            """);

        Assert.All(diagnostics, d => Assert.Contains("x => IsValid(x)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async System.Threading.Tasks.Task Projects_without_vypr_are_not_analyzed()
    {
        var input = TestCompiler.Compile(("Plain.cs", "public class C { public void M() { } }"));
        var analyzers = new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzers(
            input.Compilation.RemoveAllReferences().AddReferences(input.Compilation.References.Where(r => !(r.Display ?? string.Empty).Contains("Vypr.Specs"))),
            [new Vypr.Generators.Analyzers.SpecificationAnalyzer()],
            new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([]));

        var diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        Assert.Empty(diagnostics);
    }
}

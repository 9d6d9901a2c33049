using Microsoft.CodeAnalysis;
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
                [MaxDuration("50ms")] public int {|VYPR0018:Put|}(int x) => x;
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
                [MaxDuration("5ms")] public virtual int {|VYPR0018:Run|}() => 1;
            }
            public class RetryingJob : Job
            {
                public override int Run() => base.{|VYPR0003:Run|}() + 1;
            }
            public class Box
            {
                [MaxDuration("5ms")] public T {|VYPR0018:Echo|}<T>(T value) => value;
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
                [MaxDuration("5ms")] public static int {|VYPR0018:Twice|}(int x) => 2 * x;
            }
            public static class Program
            {
                public static int Run() => Local.{|VYPR0003:Twice|}(2);
            }
            """;
        AnalyzerHarness.Verify(source);

        var run = TestCompiler.Generate(TestCompiler.Compile(("FileLocal.cs", source.Replace("{|VYPR0003:", string.Empty, System.StringComparison.Ordinal).Replace("{|VYPR0018:", string.Empty, System.StringComparison.Ordinal).Replace("|}", string.Empty, System.StringComparison.Ordinal))));
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
                [MaxDuration("5ms")] public static bool {|VYPR0018:IsValid|}(int x) => x > 0;
                public bool All(int[] xs) => xs.All({|VYPR0004:IsValid|});
                public bool AllInLambda(int[] xs) => xs.All(x => IsValid(x));
                public Func<int, bool> Get() => {|VYPR0004:IsValid|};
            }
            """);

        Assert.All(diagnostics.Where(d => d.Id == "VYPR0004"), d => Assert.Contains("x => IsValid(x)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("2 calls of 'Rules.IsValid(int)' in this compilation cannot be timed by interceptors (2 as delegates)", diagnostics.Single(d => d.Id == "VYPR0018").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void VYPR0018_counts_calls_through_generic_interfaces_and_generic_types_that_got_no_probe_and_no_diagnostic()
    {
        // The shape of a validator library: generic rules reached through a generic interface, and a generic base
        // class whose virtual Validate is monitored. Before VYPR0018 these calls were dropped without a word.
        var diagnostics = AnalyzerHarness.Verify("""
            using System.Collections.Generic;
            using Vypr;
            public interface IRule<T, TValue> { bool Check(T instance, TValue value); }
            public sealed class NotEmptyRule<T, TValue> : IRule<T, TValue>
            {
                [MaxDuration("1ms")] public bool {|VYPR0018:Check|}(T instance, TValue value) => value is not null;
            }
            public abstract class Validator<T>
            {
                [MaxDuration("5ms")] public virtual bool {|VYPR0018:Validate|}(T instance) => instance is not null;
            }
            public sealed class Person { public string? Name; }
            public sealed class PersonValidator : Validator<Person>
            {
                private readonly List<IRule<Person, string?>> _rules = [new NotEmptyRule<Person, string?>()];
                public bool CheckAll(Person p)
                {
                    bool ok = true;
                    foreach (IRule<Person, string?> rule in _rules) ok &= rule.{|VYPR0003:Check|}(p, p.Name);
                    return ok && _rules[0].{|VYPR0003:Check|}(p, p.Name);
                }
            }
            public static class Runner
            {
                public static bool Run(Validator<Person> validator, Person p) => validator.{|VYPR0003:Validate|}(p);
                public static bool Direct(NotEmptyRule<Person, string> rule, Person p) => rule.Check(p, "x");
            }
            """);

        string Message(string id, string method) => diagnostics.Single(d => d.Id == id && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(method, System.StringComparison.Ordinal))
            .GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("2 calls of 'NotEmptyRule<T, TValue>.Check(T, TValue)' in this compilation cannot be timed by interceptors (2 through a generic interface); set <VyprWeaving>IL</VyprWeaving>", Message("VYPR0018", "Check"), System.StringComparison.Ordinal);
        Assert.StartsWith("1 call of 'Validator<T>.Validate(T)' in this compilation cannot be timed by interceptors (1 virtual call on a generic type)", Message("VYPR0018", "Validate"), System.StringComparison.Ordinal);
        Assert.Contains("the call goes through the interface member 'IRule<T, TValue>.Check(T, TValue)'", diagnostics.First(d => d.Id == "VYPR0003" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("NotEmptyRule", System.StringComparison.Ordinal)).GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void VYPR0018_groups_the_reasons_of_one_method_and_is_the_only_diagnostic_by_default()
    {
        var diagnostics = AnalyzerHarness.VerifyDefaults("""
            using System;
            using System.Linq;
            using Vypr;
            public class Box
            {
                [MaxDuration("5ms")] public virtual T {|VYPR0018:Echo|}<T>(T value) => value;
                public T Forward<T>(T value) => Echo(value);
                public T Again<T>(T value) => Echo(value);
                public Func<int, int> Get() => Echo;
                public int Concrete() => Echo(4);
            }
            public class Louder : Box
            {
                public override T Echo<T>(T value) => base.Echo(value);
            }
            """);

        Diagnostic summary = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Info, summary.Severity);
        Assert.Equal(
            "4 calls of 'Box.Echo<T>(T)' in this compilation cannot be timed by interceptors (2 in generic code over type parameters, 1 as a delegate, 1 for other reasons (base, dynamic or inaccessible)); "
            + "set <VyprWeaving>IL</VyprWeaving> in the project to time every call in the method's body, or enable VYPR0003 and VYPR0004 to see each call (the weaving report vypr-weaving.md lists them too)",
            summary.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void VYPR0003_says_why_a_private_nested_type_of_a_test_cannot_be_woven_and_VYPR0018_counts_it_once()
    {
        var diagnostics = AnalyzerHarness.Verify("""
            using Vypr;
            public class StoreTests
            {
                private sealed class FakeStore { [MaxDuration("5ms")] public int {|VYPR0018:Put|}(int x) => x; }
                protected class Inner { public sealed class Deeper { [MaxDuration("5ms")] public int {|VYPR0018:Get|}() => 1; } }
                public int Run() => new FakeStore().{|VYPR0003:Put|}(1) + new FakeStore().{|VYPR0003:Put|}(2) + new Inner.Deeper().{|VYPR0003:Get|}();
            }
            """);

        string[] perSite = diagnostics.Where(d => d.Id == "VYPR0003").OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(
            "This call of 'StoreTests.FakeStore.Put(int)' is not monitored: 'StoreTests.FakeStore' is a private nested type, so only code inside the type that contains it can name it; "
            + "make 'StoreTests' and 'StoreTests.FakeStore' partial, so that the interceptor can be declared inside 'StoreTests.FakeStore', or make the nested type internal, or set <VyprWeaving>IL</VyprWeaving>",
            perSite[0]);
        Assert.Contains("'StoreTests.Inner.Deeper' is nested in the protected type 'StoreTests.Inner'", perSite[2], System.StringComparison.Ordinal);
        Assert.StartsWith("2 calls of 'StoreTests.FakeStore.Put(int)' in this compilation cannot be timed by interceptors (2 naming a private nested type of a type that is not partial)", diagnostics.Single(d => d.Id == "VYPR0018" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("Put", System.StringComparison.Ordinal)).GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IL")]
    [InlineData("Both")]
    public void VYPR0018_is_silent_when_the_IL_backend_times_every_call(string weaving)
    {
        AnalyzerHarness.VerifyDefaults(
            """
            using Vypr;
            public class Box
            {
                [MaxDuration("5ms")] public T Echo<T>(T value) => value;
                public T Forward<T>(T value) => Echo(value);
            }
            """,
            new System.Collections.Generic.Dictionary<string, string> { ["VyprWeaving"] = weaving });
    }

    [Fact]
    public void VYPR0018_without_unwoven_calls_reports_nothing()
    {
        AnalyzerHarness.VerifyDefaults("""
            using Vypr;
            public sealed class Store
            {
                [MaxDuration("5ms")] public int Put(int x) => x;
                public int Run() => Put(1) + Put(2);
            }
            """);
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

using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Vypr.Generators.Analyzers;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// Scoping a method of a generic type (FluentValidation's <c>AbstractValidator&lt;T&gt;.Validate</c>): the open form
/// <c>For(typeof(Validator&lt;&gt;), ...)</c> names the method of every instantiation, as the closed form does, and a
/// refusal never says that a method the type declares does not exist.
/// </summary>
public sealed class GenericScopeTests
{
    private const string Validators = """
        using Vypr;
        public sealed class Context<T> { public T Instance = default!; }
        public abstract class Validator<T>
        {
            public virtual bool Validate(Context<T> context) => ValidateInternal(context);
            public bool Validate(T instance) => Validate(new Context<T> { Instance = instance });
            public bool Validate(T instance, string ruleSet) => Validate(instance);
            private bool ValidateInternal(Context<T> context) => context.Instance is not null;
        }

        """;

    // Under IL the scope is woven in its body (interceptors could not name T inside Validator<T>, and say so with
    // VYPR0017/VYPR0019 for either form alike): the open form and the closed form are both accepted.
    [Fact]
    public void An_open_generic_scope_with_open_generic_parameter_types_resolves()
    {
        AnalyzerHarness.Verify(Validators + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Open => Specification
                    .For(typeof(Validator<>), nameof(Validator<object>.Validate), typeof(Context<>))
                    .Forall("r", Calls.To("ValidateInternal"))
                    .Check(r => r.Duration() < Duration.Milliseconds(50));

                [PerformanceSpecification]
                public static Specification Closed => Specification
                    .For<Validator<object>>(nameof(Validator<object>.Validate), typeof(Context<object>))
                    .Forall("r", Calls.To("ValidateInternal"))
                    .Check(r => r.Duration() < Duration.Milliseconds(50));
            }
            """, new Dictionary<string, string> { ["VyprWeaving"] = "IL" }, new FluentSpecificationAnalyzer());
    }

    [Fact]
    public void An_open_generic_scope_without_parameter_types_lists_the_overloads_it_declares()
    {
        var diagnostics = AnalyzerHarness.Verify(Validators + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Open => Specification
                    .For(typeof(Validator<>), {|VYPR0007:nameof(Validator<object>.Validate)|})
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Duration() < Duration.Milliseconds(50));

                [PerformanceSpecification]
                public static Specification Missing => Specification
                    .For(typeof(Validator<>), {|VYPR0007:"Validat"|})
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Duration() < Duration.Milliseconds(50));
            }
            """, new Dictionary<string, string> { ["VyprWeaving"] = "Interceptors" }, new FluentSpecificationAnalyzer());

        string[] messages = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(CultureInfo.InvariantCulture)).ToArray();
        Assert.Contains("'Validator<T>.Validate' is overloaded; add the parameter types", messages[0], System.StringComparison.Ordinal);
        Assert.Contains("'Validator<T>.Validate(Context<T>)', 'Validator<T>.Validate(T)', 'Validator<T>.Validate(T, string)'", messages[0], System.StringComparison.Ordinal);
        Assert.Contains("'Validator<T>' declares no method named 'Validat'", messages[1], System.StringComparison.Ordinal);
        Assert.DoesNotContain(messages, m => m.Contains("no method named 'Validate'", System.StringComparison.Ordinal));
    }

    // A closed form covers every instantiation (the scope is keyed by the definition), so it is named by the definition
    // everywhere: printing Validator<object> for calls made with T = Person would say the opposite of what was checked.
    [Fact]
    public void A_closed_generic_scope_is_named_by_its_definition_in_results_diagnostics_and_the_weaving_report()
    {
        const string Open = "Validator<T>.Validate(Context<T>)";
        string source = Validators + """
            public sealed class Person { }
            public sealed class PersonValidator : Validator<Person> { }
            public static class Program
            {
                public static object Run() => new PersonValidator().Validate(new Context<Person> { Instance = new Person() });
            }
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Closed => Specification
                    .For<Validator<object>>(nameof(Validator<object>.Validate), typeof(Context<object>))
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Duration() < Duration.Seconds(10));
            }
            """;

        var (run, verdicts) = MonitoredProgram.Execute("ClosedScope.cs", source);

        Vypr.Contracts.VerdictInfo verdict = Assert.Single(verdicts);
        Assert.Equal(Open, MonitoredProgram.SpecificationOf(verdict).Method);
        string report = Assert.IsType<string>(run.WeavingReport);
        Assert.True(report.Contains($"| `Program.Run()` | `scope of a fluent specification: {Open}` | yes |", System.StringComparison.Ordinal), report);
        Assert.DoesNotContain("<object>", report, System.StringComparison.Ordinal);
        Assert.DoesNotContain("<Person>", report, System.StringComparison.Ordinal);

        var diagnostics = AnalyzerHarness.Verify(Validators + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Closed => Specification
                    .For<Validator<object>>(nameof(Validator<object>.Validate), typeof(Context<object>))
                    .Forall("q", Changes.Of({|VYPR0014:"missing"|}))
                    .Check(q => q.Value() > 0);
            }
            """, new Dictionary<string, string> { ["VyprWeaving"] = "IL" }, new FluentSpecificationAnalyzer());
        Assert.Equal($"'missing' is not a parameter, local or field of '{Open}'", Assert.Single(diagnostics).GetMessage(CultureInfo.InvariantCulture));
    }
}

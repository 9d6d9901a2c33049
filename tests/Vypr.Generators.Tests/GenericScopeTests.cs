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
}

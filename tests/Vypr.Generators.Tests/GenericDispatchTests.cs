using System.Linq;
using Microsoft.CodeAnalysis;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// Calls through a generic interface or a generic base class's virtual member that may reach a monitored method of a
/// generic type which closes some of the type parameters (FluentValidation's <c>RuleComponent&lt;T, TProperty&gt;</c>
/// calling <c>IPropertyValidator&lt;T, TProperty&gt;.IsValid</c>, implemented by <c>CreditCardValidator&lt;T&gt;</c>
/// through <c>PropertyValidator&lt;T, string&gt;</c>): none can be timed by interceptors, and each must be said, in
/// the weaving report and in VYPR0018's count, never left out silently.
/// </summary>
public sealed class GenericDispatchTests
{
    // Each shape: the monitored declarations and one call (in generic code over the interface or base) marked with
    // its analyzer markup. Lines and columns in the report are found from the markup, not written by hand.
    public static TheoryData<string, string> Shapes => new()
    {
        {
            "a generic type implements a partially closed generic interface",
            """
            public interface IV<T, P> { bool IsValid(T t, P p); }
            public class V<T> : IV<T, string> { [MaxDuration("1s")] public bool {|VYPR0018:IsValid|}(T t, string p) => true; }
            public class C<T, P> { public IV<T, P> v = null!; public bool Run(T t, P p) => v.{|VYPR0003:IsValid|}(t, p); }
            """
        },
        {
            "an override of an abstract base method that implements the interface",
            """
            public interface IV<T, P> { bool IsValid(T t, P p); }
            public abstract class PV<T, P> : IV<T, P> { public abstract bool IsValid(T t, P p); }
            public class CreditCard<T> : PV<T, string> { [MaxDuration("1s")] public override bool {|VYPR0018:IsValid|}(T t, string p) => true; }
            public class C<T, P> { public IV<T, P> v = null!; public bool Run(T t, P p) => v.{|VYPR0003:IsValid|}(t, p); }
            """
        },
        {
            "an override of a virtual base method that implements the interface",
            """
            public interface IV<T, P> { bool IsValid(T t, P p); }
            public class Base<T> : IV<T, string> { public virtual bool IsValid(T t, string p) => false; }
            public class Derived<T> : Base<T> { [MaxDuration("1s")] public override bool {|VYPR0018:IsValid|}(T t, string p) => true; }
            public class C<T, P> { public IV<T, P> v = null!; public bool Run(T t, P p) => v.{|VYPR0003:IsValid|}(t, p); }
            """
        },
        {
            "an explicit implementation of a partially closed generic interface",
            """
            public interface IV<T, P> { bool IsValid(T t, P p); }
            public class E<T> : IV<T, int> { [MaxDuration("1s")] bool IV<T, int>.{|VYPR0018:IsValid|}(T t, int p) => true; }
            public class C<T, P> { public IV<T, P> v = null!; public bool Run(T t, P p) => v.{|VYPR0003:IsValid|}(t, p); }
            """
        },
        {
            "an override in a generic class of a generic base class's virtual method",
            """
            public class B<T, P> { public virtual int Run(T t, P p) => 0; }
            public class D<T> : B<T, string> { [MaxDuration("1s")] public override int {|VYPR0018:Run|}(T t, string p) => 1; }
            public class C<T, P> { public B<T, P> b = null!; public int Call(T t, P p) => b.{|VYPR0003:Run|}(t, p); }
            """
        },
        {
            "an override two levels down of a method implementing a generic interface",
            """
            public interface IV<T, P> { bool IsValid(T t, P p); }
            public abstract class PV<T, P> : IV<T, P> { public abstract bool IsValid(T t, P p); }
            public abstract class StringPV<T> : PV<T, string> { }
            public class Email<T> : StringPV<T> { [MaxDuration("1s")] public override bool {|VYPR0018:IsValid|}(T t, string p) => true; }
            public class C<T, P> { public IV<T, P> v = null!; public bool Run(T t, P p) => v.{|VYPR0003:IsValid|}(t, p); }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_call_that_may_reach_a_monitored_method_of_a_generic_type_is_counted_by_VYPR0018(string shape, string declarations)
    {
        _ = shape;
        var diagnostics = AnalyzerHarness.Verify("using Vypr;\n" + declarations);
        Diagnostic summary = Assert.Single(diagnostics, d => d.Id == "VYPR0018");
        Assert.StartsWith("1 call of ", summary.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_call_that_may_reach_a_monitored_method_of_a_generic_type_is_in_the_weaving_report_as_not_woven(string shape, string declarations)
    {
        _ = shape;
        string source = "using Vypr;\n" + declarations.Replace("{|VYPR0018:", string.Empty, System.StringComparison.Ordinal);
        int call = source.IndexOf("{|VYPR0003:", System.StringComparison.Ordinal);
        source = source.Replace("{|VYPR0003:", string.Empty, System.StringComparison.Ordinal).Replace("|}", string.Empty, System.StringComparison.Ordinal);
        string before = source[..call];
        int line = before.Count(c => c == '\n') + 1;
        // The report points at the invocation's start: the one-letter receiver and its dot before the marked name.
        int column = call - (before.LastIndexOf('\n') + 1) + 1 - "v.".Length;

        var run = TestCompiler.Generate(TestCompiler.Compile(("Shapes.cs", source)));
        string report = Assert.IsType<string>(run.WeavingReport);
        string[] lines = report.Split('\n');
        Assert.Contains("1 call sites reach a monitored or scoped method: 0 woven by interceptors, 1 not woven.", lines);
        string row = Assert.Single(lines, l => l.StartsWith("| `Shapes.cs:", System.StringComparison.Ordinal));
        Assert.StartsWith($"| `Shapes.cs:{line}:{column}` |", row, System.StringComparison.Ordinal);
        Assert.True(row.Contains("| no | the call ", System.StringComparison.Ordinal), row);
        Assert.True(row.Contains("of a generic type, which an interceptor cannot test the receiver for", System.StringComparison.Ordinal), row);
        Assert.Empty(run.OutputDiagnostics);
    }
}

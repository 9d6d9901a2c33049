using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Vypr.Generators.Analyzers;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

public sealed class FormulaAnalyzerTests
{
    private const string Domain = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Vypr;

        public class FileStore
        {
            public void Write(string path, byte[] data) { }
            public int Size(string path) => path.Length;
            public string Name(int id) => id.ToString();
            public long Length => 0;
            public Task<int> CountAsync() => Task.FromResult(1);
        }

        public abstract class Job
        {
            public abstract void Run();
        }

        public class Uploader
        {
            private readonly FileStore _store = new();
            private int _total;

            public int Size => _total;

            public int Upload(string file, byte[] data)
            {
                _store.Write(file, data);
                int size = _store.Size(file);
                _total = _store.Size(file);
                string name = _store.Name(size);
                return size + name.Length;
            }

            public void Store(string file) => _store.Write(file, []);

            public void Store(string file, int copies) => _store.Write(file, new byte[copies]);
        }

        public static class Program
        {
            public static void Run()
            {
                var uploader = new Uploader();
                uploader.Upload("a", []);
                uploader.Store("b");
                uploader.Store("b", 2);
            }
        }

        """;

    [Fact]
    public void The_documented_example_and_every_construct_used_correctly_report_nothing()
    {
        Verify("""
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification BigFileWrites => Specification
                    .For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)).After("q"))
                    .Check((q, t) => Formula.If(q.Value() == "big.bin").Then(t.Duration() <= Duration.Seconds(1)));

                [PerformanceSpecification]
                public static readonly Specification Everything = Specification
                    .For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope())
                    .Forall("s", Calls.To("Size"))
                    .Forall("n", Changes.Of("name").After("s"))
                    .Check((c, s, n) =>
                        (c.Argument("data").Length() < 1000 & c.Result() >= 0 & c.Argument("file") != "x")
                        | (s.Argument("path").Length().In(Interval.Closed(1, 3)) & s.Result() < c.Result() * 2 & n.Value() == "a")
                        | (n.NextCall<FileStore>(nameof(FileStore.Size)).Result().AsDuration(DurationUnit.Milliseconds) > s.Duration()
                           & Time.Between(n, c.End()) < Duration.Milliseconds(5)
                           & c.Duration() > Duration.Milliseconds(1) & c.Duration() < Duration.Milliseconds(2)));

                [PerformanceSpecification]
                public static Specification Overload { get; } = Specification
                    .For<Uploader>(nameof(Uploader.Store), typeof(string), typeof(int))
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Argument("copies") <= 3);

                [PerformanceSpecification]
                public static Specification Total { get { return Specification
                    .For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("_total"))
                    .Check(q => !(q.Value() > 10)); } }
            }
            """);
    }

    [Fact]
    public void VYPR0006_a_member_that_is_not_a_static_Specification()
    {
        var diagnostics = Verify("""
            public class Specs
            {
                [PerformanceSpecification]
                public Specification {|VYPR0006:Instance|} => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static object {|VYPR0006:Untyped|} => 1;

                [PerformanceSpecification]
                private static Specification {|VYPR0006:Hidden|} => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification? {|VYPR0006:Unset|};

                [PerformanceSpecification]
                public Specification {|VYPR0006:this|}[int i] => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));
            }
            """);

        Assert.Contains("'Specs.Instance' cannot be read as a performance specification: it is not static", Message(diagnostics, 0));
        Assert.Contains("its type is 'object', but a specification is a Vypr.Specification", Message(diagnostics, 1));
        Assert.Contains("must be internal or public", Message(diagnostics, 2));
        Assert.Contains("it has no value to read", Message(diagnostics, 3));
        Assert.Contains("only a static property or field can be a specification", Message(diagnostics, 4));
    }

    [Fact]
    public void VYPR0006_a_chain_built_from_variables_conditionals_or_helpers()
    {
        var diagnostics = Verify("""
            public static class Specs
            {
                private static readonly ScopedSpecification Scope = Specification.For<Uploader>(nameof(Uploader.Upload));
                private static readonly string Name = "t";
                private static bool Strict => true;

                [PerformanceSpecification]
                public static Specification FromVariable => {|VYPR0006:Scope|}
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification Chosen => {|VYPR0006:Strict ? FromVariable : Fixed|};

                [PerformanceSpecification]
                public static Specification ChosenInside => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope())
                    .Check(c => {|VYPR0006:Strict ? c.Duration() < Duration.Seconds(1) : c.Duration() < Duration.Seconds(2)|});

                [PerformanceSpecification]
                public static Specification Helped => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope())
                    .Check(c => {|VYPR0006:Bound(c)|} & c.Result() > 0);

                [PerformanceSpecification]
                public static Specification NamedByField => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall({|VYPR0006:Name|}, Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification MethodGroup => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope()).Check({|VYPR0006:Bound|});

                [PerformanceSpecification]
                public static Specification Fixed => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1) | c.Result() > 0);

                private static Formula Bound(CallBinding c) => c.Duration() < Duration.Seconds(1);
            }
            """);

        Assert.Contains("'Scope' is read from a variable, field or property", Message(diagnostics, 0));
        Assert.Contains("chooses at run time", Message(diagnostics, 1));
        Assert.Contains("chooses a formula at run time", Message(diagnostics, 2));
        Assert.Equal("'Specs.Helped' cannot be read as a performance specification: 'Bound(c)' calls 'Specs.Bound(Vypr.CallBinding)', which the generator cannot look into; write the formula in the Check lambda itself", Message(diagnostics, 3));
        Assert.Contains("the binding name must be a constant string (a literal or nameof), not 'Name'", Message(diagnostics, 4));
        Assert.Contains("Check must be given a lambda written in place, not 'Bound'", Message(diagnostics, 5));
    }

    [Fact]
    public void VYPR0007_a_scope_that_is_missing_overloaded_or_without_a_body()
    {
        var diagnostics = Verify("""
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Missing => Specification.For<Uploader>({|VYPR0007:"Uplod"|})
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification Ambiguous => Specification.For<Uploader>({|VYPR0007:nameof(Uploader.Store)|})
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification WrongTypes => Specification.For<Uploader>({|VYPR0007:nameof(Uploader.Store)|}, typeof(int))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification Abstract => Specification.For<Job>({|VYPR0007:nameof(Job.Run)|})
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification Property => Specification.For<Uploader>({|VYPR0007:nameof(Uploader.Size)|})
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification Fixed => Specification.For<Uploader>(nameof(Uploader.Store), typeof(string))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Seconds(1));
            }
            """);

        Assert.Contains("The scope of 'Specs.Missing' cannot be resolved: 'Uploader' declares no method named 'Uplod'", Message(diagnostics, 0));
        Assert.Contains("'Uploader.Store' is overloaded; add the parameter types", Message(diagnostics, 1));
        Assert.Contains("the candidates are 'Uploader.Store(string)', 'Uploader.Store(string, int)'", Message(diagnostics, 1));
        Assert.Contains("no overload of 'Uploader.Store' has the parameter types (int)", Message(diagnostics, 2));
        Assert.Contains("'Job.Run()' is abstract", Message(diagnostics, 3));
        Assert.Contains("'Uploader.Size' is a property, not an ordinary method", Message(diagnostics, 4));
    }

    [Fact]
    public void VYPR0008_a_quantified_call_or_change_that_never_happens_in_the_scope()
    {
        var diagnostics = Verify("""
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification NotCalled => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To<FileStore>({|VYPR0008:nameof(FileStore.CountAsync)|}))
                    .Check(t => t.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification NoSuchName => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To({|VYPR0008:"Flush"|}))
                    .Check(t => t.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification NextNotCalled => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Check(q => q.NextCall<FileStore>({|VYPR0008:nameof(FileStore.CountAsync)|}).Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification Typo => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To<FileStore>({|VYPR0008:"Wrte"|}))
                    .Check(t => t.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification Fixed => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Check(q => q.NextCall<FileStore>(nameof(FileStore.Write)).Duration() < Duration.Seconds(1));
            }
            """);

        Assert.Equal(
            "'FileStore.CountAsync' is never called directly in the body of 'Uploader.Upload(string, byte[])', so 't' never binds and 'Specs.NotCalled' is never checked",
            Message(diagnostics, 0));
        Assert.StartsWith("No method named 'Flush' is called directly", Message(diagnostics, 1));
        Assert.Contains("so 'q.NextCall(FileStore.CountAsync)' never binds", Message(diagnostics, 2));
        Assert.StartsWith("'FileStore' has no method 'Wrte' to call", Message(diagnostics, 3));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public void VYPR0008_a_changed_field_never_assigned_a_calls_result()
    {
        var diagnostics = Verify(
            """
            public class Counter
            {
                private int _count;
                private int _seen;

                public void Tick()
                {
                    _seen = Compute();
                }

                private int Compute() => _count + 1;
            }

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Never => Specification.For<Counter>(nameof(Counter.Tick))
                    .Forall("q", Changes.Of({|VYPR0008:"_count"|}))
                    .Check(q => q.Value() < 10);

                [PerformanceSpecification]
                public static Specification Fixed => Specification.For<Counter>(nameof(Counter.Tick))
                    .Forall("q", Changes.Of("_seen"))
                    .Check(q => q.Value() < 10);
            }

            public static class Caller
            {
                public static void Run() => new Counter().Tick();
            }
            """,
            withDomain: false);

        Assert.StartsWith("'_count' is never assigned a call's result in the body of 'Counter.Tick()'", Message(diagnostics, 0));
    }

    [Fact]
    public void VYPR0009_After_naming_an_unknown_a_later_or_the_same_binding()
    {
        var diagnostics = Verify("""
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Unknown => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)).After({|VYPR0009:"x"|}))
                    .Check(t => t.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification Later => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)).After({|VYPR0009:"q"|}))
                    .Forall("q", Changes.Of("file"))
                    .Check((t, q) => t.Duration() < Duration.Seconds(1));

                [PerformanceSpecification]
                public static Specification Itself => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("size").After({|VYPR0009:"q"|}))
                    .Check(q => q.Value() < 1);

                [PerformanceSpecification]
                public static Specification Fixed => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)).After("q"))
                    .Check((q, t) => t.Duration() < Duration.Seconds(1));
            }
            """);

        Assert.Equal("'t' cannot come after 'x': 'Specs.Unknown' has no binding named 'x'; After can only name a binding declared before it", Message(diagnostics, 0));
        Assert.Contains("'q' is declared after it", Message(diagnostics, 1));
        Assert.Contains("a binding cannot come after itself", Message(diagnostics, 2));
    }

    [Fact]
    public void VYPR0010_a_binding_name_used_twice()
    {
        var diagnostics = Verify("""
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Twice => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
                    .Forall({|VYPR0010:"t"|}, Calls.To<FileStore>(nameof(FileStore.Size)))
                    .Check((a, b) => a.Duration() < b.Duration());

                [PerformanceSpecification]
                public static Specification Fixed => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("w", Calls.To<FileStore>(nameof(FileStore.Write)))
                    .Forall("s", Calls.To<FileStore>(nameof(FileStore.Size)))
                    .Check((w, s) => w.Duration() < s.Duration());
            }
            """);

        Assert.Equal("The binding name 't' is used twice in 'Specs.Twice'; give each Forall its own name", Message(diagnostics, 0));
    }

    [Fact]
    public void VYPR0011_terms_of_incompatible_types()
    {
        var diagnostics = Verify("""
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification TextWithNumber => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Check(q => {|VYPR0011:q.Value() > 5|});

                [PerformanceSpecification]
                public static Specification NumberWithText => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("s", Calls.To<FileStore>(nameof(FileStore.Size)))
                    .Check(s => {|VYPR0011:s.Result() == "big"|});

                [PerformanceSpecification]
                public static Specification OrderedTexts => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Forall("n", Changes.Of("name"))
                    .Check((q, n) => {|VYPR0011:q.Value() < n.Value()|});

                [PerformanceSpecification]
                public static Specification TextAsDuration => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
                    .Check((q, t) => t.Duration() < {|VYPR0011:q.Value().AsDuration(DurationUnit.Milliseconds)|});

                [PerformanceSpecification]
                public static Specification NoLength => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("s", Calls.To<FileStore>(nameof(FileStore.Size)))
                    .Check(s => {|VYPR0011:s.Result().Length()|} < 3);

                [PerformanceSpecification]
                public static Specification TextArithmetic => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Check(q => {|VYPR0011:q.Value() * 2|} == 4);

                [PerformanceSpecification]
                public static Specification TextInterval => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Check(q => {|VYPR0011:q.Value().In(Interval.Closed(1, 2))|});

                [PerformanceSpecification]
                public static Specification Fixed => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Forall("s", Calls.To<FileStore>(nameof(FileStore.Size)))
                    .Check((q, s) => q.Value() == "big.bin" & q.Value().Length() > 5 & s.Result().AsDuration(DurationUnit.Milliseconds) < s.Duration());
            }
            """);

        Assert.Equal("'q.Value() > 5' in 'Specs.TextWithNumber' mixes incompatible values: 'q.Value()' is a text ('string'); it cannot be compared with a number", Message(diagnostics, 0));
        Assert.Contains("'s.Result()' is a number ('int'); it cannot be compared with a text", Message(diagnostics, 1));
        Assert.Contains("texts compare only with == and !=", Message(diagnostics, 2));
        Assert.Contains("'q.Value()' is a text ('string'), not a number, so it cannot be read as a duration", Message(diagnostics, 3));
        Assert.Contains("'s.Result()' is a 'int', which has no Length or Count", Message(diagnostics, 4));
        Assert.Contains("arithmetic needs numbers", Message(diagnostics, 5));
        Assert.Contains("only numbers lie in intervals", Message(diagnostics, 6));
    }

    [Fact]
    public void VYPR0012_an_argument_or_result_the_called_method_does_not_have()
    {
        var diagnostics = Verify("""
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification NoSuchParameter => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
                    .Check(t => {|VYPR0012:t.Argument("file")|} == "x");

                [PerformanceSpecification]
                public static Specification VoidResult => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To("Write"))
                    .Check(t => {|VYPR0012:t.Result()|} == "x");

                [PerformanceSpecification]
                public static Specification ScopeParameter => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope())
                    .Check(c => {|VYPR0012:c.Argument("size")|} > 1);

                [PerformanceSpecification]
                public static Specification Fixed => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
                    .Check(t => t.Argument("path") == "x");
            }
            """);

        Assert.Equal(
            "'t.Argument(\"file\")' in 'Specs.NoSuchParameter' cannot be measured: 'FileStore.Write(string, byte[])' has no parameter named 'file'; the parameters are path, data",
            Message(diagnostics, 0));
        Assert.Contains("'FileStore.Write(string, byte[])' returns no value, so its calls have no result", Message(diagnostics, 1));
        Assert.Contains("'Uploader.Upload(string, byte[])' has no parameter named 'size'", Message(diagnostics, 2));
    }

    [Fact]
    public void VYPR0013_an_empty_interval_or_a_contradictory_conjunction()
    {
        var diagnostics = Verify("""
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Reversed => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Result().In({|VYPR0013:Interval.Closed(5, 1)|}));

                [PerformanceSpecification]
                public static Specification OpenPoint => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Duration().In({|VYPR0013:Interval.ClosedOpen(Duration.Milliseconds(2), Duration.Milliseconds(2))|}));

                [PerformanceSpecification]
                public static Specification NotANumber => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Result().In({|VYPR0013:Interval.Open(double.NaN, 1)|}));

                [PerformanceSpecification]
                public static Specification Contradiction => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
                    .Check(t => {|VYPR0013:t.Duration() < Duration.Milliseconds(1) & t.Duration() > Duration.Milliseconds(2)|});

                [PerformanceSpecification]
                public static Specification EqualAndNot => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Duration() < Duration.Seconds(1) & ({|VYPR0013:c.Result() == 3 & c.Result() != 3|}));

                [PerformanceSpecification]
                public static Specification TwoTexts => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Check(q => {|VYPR0013:q.Value() == "a" & q.Value() == "b"|});

                [PerformanceSpecification]
                public static Specification Fixed => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("t", Calls.To<FileStore>(nameof(FileStore.Write)))
                    .Check(t => (t.Duration() > Duration.Milliseconds(1) & t.Duration() < Duration.Milliseconds(2))
                        | t.Duration().In(Interval.Closed(Duration.Milliseconds(2), Duration.Milliseconds(2))));
            }
            """);

        Assert.Equal("'Interval.Closed(5, 1)' in 'Specs.Reversed' can never hold: the interval is empty: its lower end 5 is above its upper end 1", Message(diagnostics, 0));
        Assert.Contains("both ends are 2ms but they are not both included", Message(diagnostics, 1));
        Assert.Contains("an end is NaN", Message(diagnostics, 2));
        Assert.Contains("'t.Duration() < Duration.Milliseconds(1)' and 't.Duration() > Duration.Milliseconds(2)' exclude each other", Message(diagnostics, 3));
        Assert.Contains("'c.Result() == 3' and 'c.Result() != 3' exclude each other", Message(diagnostics, 4));
        Assert.Contains("'q.Value() == \"a\"' and 'q.Value() == \"b\"' exclude each other", Message(diagnostics, 5));
    }

    [Fact]
    public void VYPR0014_a_changed_variable_that_is_not_in_the_scope()
    {
        var diagnostics = Verify(
            """
            public class Worker
            {
                private int _done;

                public int Progress => _done;

                public void Run(int[] items)
                {
                    System.Func<int, int> twice = x => { int doubled = Twice(x); return doubled; };
                    _done = Twice(items.Length);
                    twice(1);
                }

                private static int Twice(int x) => 2 * x;
            }

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Typo => Specification.For<Worker>(nameof(Worker.Run))
                    .Forall("q", Changes.Of({|VYPR0014:"iterms"|})).Check(q => q.Value() < 1);

                [PerformanceSpecification]
                public static Specification Property => Specification.For<Worker>(nameof(Worker.Run))
                    .Forall("q", Changes.Of({|VYPR0014:"Progress"|})).Check(q => q.Value() < 1);

                [PerformanceSpecification]
                public static Specification InLambda => Specification.For<Worker>(nameof(Worker.Run))
                    .Forall("q", Changes.Of({|VYPR0014:"doubled"|})).Check(q => q.Value() < 1);

                [PerformanceSpecification]
                public static Specification Fixed => Specification.For<Worker>(nameof(Worker.Run))
                    .Forall("q", Changes.Of("_done")).Check(q => q.Value() < 1);
            }

            public static class Caller
            {
                public static void Run() => new Worker().Run([1]);
            }
            """,
            withDomain: false);

        Assert.Equal("'iterms' is not a parameter, local or field of 'Worker.Run(int[])'", Message(diagnostics, 0));
        Assert.Contains("('Progress' is a property; Changes.Of observes parameters, locals and fields)", Message(diagnostics, 1));
        Assert.Contains("declared in a lambda or local function inside it is not part of the scope", Message(diagnostics, 2));
    }

    [Fact]
    public void VYPR0015_writes_of_a_quantified_variable_that_cannot_be_observed()
    {
        var diagnostics = Verify(
            """
            public class Counter
            {
                public int Count(int[] items, string label)
                {
                    int {|VYPR0015:total = 0|};
                    {|VYPR0015:total++|};
                    {|VYPR0015:total += items.Length|};
                    foreach (int {|VYPR0015:total2|} in items) { }
                    total = Sum(items);
                    int.TryParse(label, {|VYPR0015:out total|});
                    {|VYPR0015:label = "x"|};
                    return total;
                }

                private static int Sum(int[] items) => items.Sum();
            }

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Totals => Specification.For<Counter>(nameof(Counter.Count))
                    .Forall("q", Changes.Of("total")).Check(q => q.Value() < 100);

                [PerformanceSpecification]
                public static Specification Loop => Specification.For<Counter>(nameof(Counter.Count))
                    .Forall("q", Changes.Of({|VYPR0008:"total2"|})).Check(q => q.Value() < 100);

                [PerformanceSpecification]
                public static Specification Label => Specification.For<Counter>(nameof(Counter.Count))
                    .Forall("q", Changes.Of("label")).Check(q => q.Value() == "a");
            }

            public static class Caller
            {
                public static int Run() => new Counter().Count([1], "a");
            }
            """,
            withDomain: false,
            usings: "using System.Linq;\n");

        // The loop variable has no write from a call at all, so it also never binds.
        Assert.StartsWith("'total2' is never assigned a call's result", Message(diagnostics, 6));
        Assert.Equal(
            "This write of 'total' in 'Counter.Count(int[], string)' is not observed by 'q' (its initial value does not come straight from a call); assign it from a call (its result is captured), quantify over the calls that produce it (Calls.To(...).Result()), or make it a parameter (captured at entry)",
            Message(diagnostics, 0));
        Assert.Contains("(an increment or decrement computes the value in place)", Message(diagnostics, 1));
        Assert.Contains("(a compound assignment computes the value in place)", Message(diagnostics, 2));
        Assert.Contains("(a foreach variable takes values that do not come from a call)", Message(diagnostics, 3));
        Assert.Contains("(an out argument is written inside the called method)", Message(diagnostics, 4));
        Assert.Contains("This write of 'label'", Message(diagnostics, 5));
    }

    [Theory]
    [InlineData("IL")]
    [InlineData("Both")]
    public void VYPR0015_is_silent_when_the_IL_backend_observes_every_write_in_the_scope(string weaving)
    {
        // The same writes as above: woven in IL, the scoped method's body records each of them where it happens.
        Verify(
            """
            public class Counter
            {
                public int Count(int[] items, string label)
                {
                    int total = 0;
                    total++;
                    total += items.Length;
                    foreach (int total2 in items) { }
                    total = Sum(items);
                    int.TryParse(label, out total);
                    (total, int rest) = (1, 2);
                    if ((object)label is string text) { label = text; }
                    return total + rest;
                }

                private static int Sum(int[] items) => items.Sum();
            }

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Totals => Specification.For<Counter>(nameof(Counter.Count))
                    .Forall("q", Changes.Of("total")).Check(q => q.Value() < 100);

                [PerformanceSpecification]
                public static Specification Loop => Specification.For<Counter>(nameof(Counter.Count))
                    .Forall("q", Changes.Of("total2")).Check(q => q.Value() < 100);

                [PerformanceSpecification]
                public static Specification Label => Specification.For<Counter>(nameof(Counter.Count))
                    .Forall("q", Changes.Of("label")).Check(q => q.Value() == "a");
            }

            public static class Caller
            {
                public static int Run() => new Counter().Count([1], "a");
            }
            """,
            withDomain: false,
            usings: "using System.Linq;\n",
            weaving: weaving);
    }

    [Theory]
    [InlineData("IL")]
    [InlineData("Both")]
    public void VYPR0016_is_silent_when_the_IL_backend_begins_invocations_in_the_scope_itself(string weaving)
    {
        // Reached only through an interface, or not called in this compilation at all: woven in IL, every call begins
        // an invocation wherever it is made.
        Verify(
            """
            public interface IParser { int Parse(string text); }

            public class Parser : IParser
            {
                public int Parse(string text) => text.Length;

                public int Unused(string text) => text.Length;
            }

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Parsing => Specification.For<Parser>(nameof(Parser.Parse))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Milliseconds(5));

                [PerformanceSpecification]
                public static Specification Uncalled => Specification.For<Parser>(nameof(Parser.Unused))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Milliseconds(5));
            }

            public static class Caller
            {
                public static int Run(IParser parser) => parser.Parse("x");
            }
            """,
            withDomain: false,
            weaving: weaving);
    }

    [Fact]
    public void VYPR0016_a_scope_without_a_call_site_in_this_compilation()
    {
        var diagnostics = Verify(
            """
            public class Library
            {
                public int Parse(string text) => text.Length;

                public int Used(string text) => text.Length;
            }

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Uncalled => Specification.For<Library>({|VYPR0016:nameof(Library.Parse)|})
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Milliseconds(5));

                [PerformanceSpecification]
                public static Specification Called => Specification.For<Library>(nameof(Library.Used))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Milliseconds(5));
            }

            public static class Caller
            {
                public static int Run() => new Library().Used("x");
            }
            """,
            withDomain: false);

        Diagnostic info = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Equal(
            "'Library.Parse(string)' is not called directly anywhere in this compilation, so 'Specs.Uncalled' is checked only where a compilation that calls it is woven (for example its test project); calls through a base method or an interface do not begin an invocation",
            Message(diagnostics, 0));
    }

    [Fact]
    public void VYPR0016_does_not_count_calls_through_an_interface_the_scope_implements()
    {
        // The generator weaves only calls of the scoped method itself, so a call through the interface is reported.
        Verify(
            """
            public interface IParser { int Parse(string text); }

            public class Parser : IParser
            {
                public int Parse(string text) => text.Length;
            }

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Parsing => Specification.For<Parser>({|VYPR0016:nameof(Parser.Parse)|})
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Duration.Milliseconds(5));
            }

            public static class Caller
            {
                public static int Run(IParser parser) => parser.Parse("x");
            }
            """,
            withDomain: false);
    }

    [Fact]
    public void VYPR0017_quantified_calls_the_probes_cannot_intercept()
    {
        var diagnostics = Verify(
            """
            public class Pipeline : Stage
            {
                public int Length => 3;

                public override int Transform(int x) => x + 1;

                public int[] Run(int[] items)
                {
                    int[] mapped = items.Select({|VYPR0017:Transform|}).ToArray();
                    int first = base.{|VYPR0017:Transform|}(mapped[0]);
                    return [first, Transform(first), Length];
                }
            }

            public class Stage
            {
                public virtual int Transform(int x) => x;
            }

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Transforms => Specification.For<Pipeline>(nameof(Pipeline.Run))
                    .Forall("t", Calls.To<Pipeline>(nameof(Pipeline.Transform)))
                    .Check(t => t.Duration() < Duration.Milliseconds(1));

                [PerformanceSpecification]
                public static Specification Lengths => Specification.For<Pipeline>(nameof(Pipeline.Run))
                    .Forall("l", Calls.To<Pipeline>({|VYPR0017:nameof(Pipeline.Length)|}))
                    .Check(l => l.Duration() < Duration.Milliseconds(1));
            }

            public static class Caller
            {
                public static int[] Run() => new Pipeline().Run([1]);
            }
            """,
            withDomain: false,
            usings: "using System.Linq;\n");

        Assert.Contains("it is used as a delegate here, and calls through a delegate are not intercepted; call it directly in the body of 'Pipeline.Run(int[])'", Message(diagnostics, 0));
        Assert.Contains("Calls of 'Stage.Transform(int)' are not observed for 't': a base call cannot be intercepted", Message(diagnostics, 1));
        Assert.Equal(
            "Calls of 'Pipeline.Length' are not observed for 'l': 'Pipeline.Length' is a property, and only calls of ordinary methods can be intercepted",
            Message(diagnostics, 2));
    }

    [Fact]
    public void VYPR0017_quantifiers_naming_constructors_operators_and_indexers()
    {
        var diagnostics = Verify(
            """
            public readonly record struct Money(decimal Amount)
            {
                public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);

                public decimal this[int i] => Amount * i;
            }

            public class Till
            {
                public Money Add(Money a) => a + new Money(1) + new Money(a[2]);
            }

            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Constructed => Specification.For<Till>(nameof(Till.Add))
                    .Forall("m", Calls.To<Money>({|VYPR0017:nameof(Money)|})).Check(m => m.Duration() < Duration.Milliseconds(1));

                [PerformanceSpecification]
                public static Specification Added => Specification.For<Till>(nameof(Till.Add))
                    .Forall("m", Calls.To<Money>({|VYPR0017:"op_Addition"|})).Check(m => m.Duration() < Duration.Milliseconds(1));

                [PerformanceSpecification]
                public static Specification Indexed => Specification.For<Till>(nameof(Till.Add))
                    .Forall("m", Calls.To<Money>({|VYPR0017:"Item"|})).Check(m => m.Duration() < Duration.Milliseconds(1));
            }

            public static class Caller
            {
                public static Money Run() => new Till().Add(new Money(2));
            }
            """,
            withDomain: false);

        Assert.Contains("'Money.Money' is a constructor", Message(diagnostics, 0));
        Assert.Contains("'Money.op_Addition' is an operator", Message(diagnostics, 1));
        Assert.Contains("'Money.Item' is an indexer", Message(diagnostics, 2));
    }

    [Fact]
    public async System.Threading.Tasks.Task Problems_in_the_scope_are_reported_in_the_scopes_file()
    {
        var input = TestCompiler.Compile(
            ("Specs.cs", """
                using Vypr;
                public static class Specs
                {
                    [PerformanceSpecification]
                    public static Specification Totals => Specification.For<Counter>(nameof(Counter.Count))
                        .Forall("q", Changes.Of("total")).Check(q => q.Value() < 100);
                }
                """),
            ("Counter.cs", """
                public class Counter
                {
                    public int Count(int[] items)
                    {
                        int total = Sum(items);
                        total++;
                        return total;
                    }

                    private static int Sum(int[] items) => items.Length;

                    public static int Run() => new Counter().Count([1]);
                }
                """));
        var analyzers = new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzers(
            input.Compilation,
            [new FluentSpecificationAnalyzer()],
            new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([]));

        var diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        Diagnostic write = Assert.Single(diagnostics);
        Assert.Equal("VYPR0015", write.Id);
        Assert.Equal("Counter.cs", write.Location.SourceTree?.FilePath);
        Assert.Equal("total++", write.Location.SourceTree!.GetText(TestContext.Current.CancellationToken).ToString(write.Location.SourceSpan));
    }

    [Fact]
    public async System.Threading.Tasks.Task Specifications_with_compiler_errors_are_left_to_the_compiler()
    {
        // The harness refuses sources with errors, so run the analyzer directly.
        var input = TestCompiler.Compile(("Test.cs", Domain + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Broken => Specification.For<Uploader>(nameof(Uploader.Upload))
                    .Forall("c", Calls.OfScope()).Check(c => c.Duration() < Undefined);

                [PerformanceSpecification]
                public static Missing AlsoBroken => null!;
            }
            """));
        var analyzers = new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzers(
            input.Compilation,
            [new FluentSpecificationAnalyzer()],
            new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([]));
        var diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void VYPR0006_For_with_a_type_that_is_not_a_typeof_written_in_place()
    {
        var diagnostics = Verify("""
            public static class Guard { public static int Check(int x) => x; }
            public static class User { public static int Use() => Guard.Check(1); }
            public static class Specs
            {
                private static readonly System.Type GuardType = typeof(Guard);

                [PerformanceSpecification]
                public static Specification ByTypeof => Specification
                    .For(typeof(Guard), nameof(Guard.Check))
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Duration() < Duration.Milliseconds(5));

                [PerformanceSpecification]
                public static Specification ByField => Specification
                    .For({|VYPR0006:GuardType|}, nameof(Guard.Check))
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Duration() < Duration.Milliseconds(5));
            }
            """, withDomain: false);

        Assert.Contains("For(Type, ...) must be given typeof(...) of the type that declares the scoped method, not 'GuardType'", Message(diagnostics, 0), System.StringComparison.Ordinal);
    }

    [Fact]
    public void VYPR0007_an_overloaded_method_of_a_static_class_is_shown_chosen_with_For_typeof_since_a_static_class_is_no_type_argument()
    {
        var diagnostics = Verify("""
            public static class Guard
            {
                public static int Check(int x) => x;
                public static string Check(string x) => x;
            }
            public static class User { public static int Use() => Guard.Check(1); }
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Ambiguous => Specification
                    .For(typeof(Guard), {|VYPR0007:nameof(Guard.Check)|})
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Duration() < Duration.Milliseconds(5));
            }
            """, withDomain: false);

        Assert.Contains("as in For(typeof(Guard), nameof(Guard.Check), typeof(...))", Message(diagnostics, 0), System.StringComparison.Ordinal);
        Assert.DoesNotContain("For<Guard>", Message(diagnostics, 0), System.StringComparison.Ordinal);
    }

    private static ImmutableArray<Diagnostic> Verify(string markup, bool withDomain = true, string usings = "", string weaving = "Interceptors")
    {
        string header = withDomain ? Domain : "using Vypr;\n" + usings;
        return AnalyzerHarness.Verify(header + markup, new Dictionary<string, string> { ["VyprWeaving"] = weaving }, new FluentSpecificationAnalyzer());
    }

    /// <summary>The message of the <paramref name="index"/>th diagnostic in source order.</summary>
    private static string Message(ImmutableArray<Diagnostic> diagnostics, int index) =>
        diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ElementAt(index).GetMessage(CultureInfo.InvariantCulture);
}

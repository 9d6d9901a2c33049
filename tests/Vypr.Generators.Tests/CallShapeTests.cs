using System.Linq;
using Vypr.Contracts;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>Every call shape the generator intercepts: expected source, then compiled and run to see each probe fire.</summary>
public sealed class CallShapeTests
{
    [Fact]
    public void Static_call()
    {
        const string source = """
            using Vypr;
            public static class Program
            {
                public static object Run() => Maths.Twice(21); // probed
            }
            public static class Maths
            {
                [MaxDuration("1s")] public static int Twice(int x) => 2 * x;
            }
            """;
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
        const string source = """
            using Vypr;
            public static class Program
            {
                public static object Run()
                {
                    var store = new Store();
                    store.Put("a"); // probed
                    return store.PutTwice("b");
                }
            }
            public class Store
            {
                private int _count;
                [MaxDuration("1s")] public int Put(string key) => ++_count;
                public int PutTwice(string key)
                {
                    Put(key); // probed
                    return this.Put(key); // probed
                }
            }
            """;
        var (run, verdicts) = MonitoredProgram.Execute("InstanceCall.cs", source);

        ExpectedFiles.Match("InstanceCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("InstanceCall.cs", source, verdicts);
        Assert.Equal(3, verdicts.Count);
        Assert.Equal("Store.PutTwice(string)", MonitoredProgram.SiteOf(verdicts[1]).Caller);
    }

    [Fact]
    public void Generic_methods_with_inferred_and_explicit_type_arguments()
    {
        const string source = """
            using System.Collections.Generic;
            using Vypr;
            public static class Program
            {
                public static object Run()
                {
                    var box = new Box();
                    int a = box.Echo(5); // probed
                    string b = box.Echo<string>("x"); // probed
                    List<int> c = box.Echo(new List<int> { a }); // probed
                    return Box.Pair(a, b).Item2; // probed
                }
            }
            public class Box
            {
                [MaxDuration("1s")] public T Echo<T>(T value) => value;
                [MaxDuration("1s")] public static (TA, TB) Pair<TA, TB>(TA a, TB b) where TB : class => (a, b);
            }
            """;
        var (run, verdicts) = MonitoredProgram.Execute("GenericCall.cs", source);

        ExpectedFiles.Match("GenericCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("GenericCall.cs", source, verdicts);
        Assert.Equal(4, verdicts.Count);
    }

    [Fact]
    public void Methods_of_generic_types_called_with_concrete_type_arguments()
    {
        const string source = """
            using System.Collections.Generic;
            using Vypr;
            public static class Program
            {
                public static object Run()
                {
                    var numbers = new Repository<int>();
                    numbers.Save(1); // probed
                    var names = new Repository<string>();
                    names.Save("a"); // probed
                    return Repository<int>.Count(numbers) + names.Items.Count; // probed
                }
            }
            public class Repository<T>
            {
                public List<T> Items { get; } = new();
                [MaxDuration("1s")] public void Save(T item) => Items.Add(item);
                [MaxDuration("1s")] public static int Count(Repository<T> repository) => repository.Items.Count;
            }
            """;
        var (run, verdicts) = MonitoredProgram.Execute("GenericTypeCall.cs", source);

        ExpectedFiles.Match("GenericTypeCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("GenericTypeCall.cs", source, verdicts);
        Assert.Equal(3, verdicts.Count);
    }

    [Fact]
    public void Extension_method_calls_in_reduced_and_static_form()
    {
        const string source = """
            using Vypr;
            public static class Program
            {
                public static object Run()
                {
                    string shouted = "abc".Shout(); // probed
                    return Text.Shout(shouted); // probed
                }
            }
            public static class Text
            {
                [MaxDuration("1s")] public static string Shout(this string s) => s.ToUpperInvariant();
            }
            """;
        var (run, verdicts) = MonitoredProgram.Execute("ExtensionCall.cs", source);

        ExpectedFiles.Match("ExtensionCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("ExtensionCall.cs", source, verdicts);
    }

    [Fact]
    public void Async_calls_are_timed_until_their_task_completes()
    {
        const string source = """
            using System.Threading.Tasks;
            using Vypr;
            public static class Program
            {
                public static async Task Run()
                {
                    var worker = new Worker();
                    await worker.WaitAsync(60); // probed
                    int n = await worker.CountAsync(60); // probed
                    await worker.PeekAsync(60); // probed
                    await worker.PeekAsync(0); // probed
                }
            }
            public class Worker
            {
                [MaxDuration("10s")] public async Task WaitAsync(int ms) => await Task.Delay(ms);
                [MaxDuration("10s")] public async Task<int> CountAsync(int ms) { await Task.Delay(ms); return 1; }
                [MaxDuration("10s")] public async ValueTask<int> PeekAsync(int ms) { if (ms > 0) await Task.Delay(ms); return 2; }
            }
            """;
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
        const string source = """
            using Vypr;
            public static class Program
            {
                public static object Run()
                {
                    IRule[] rules = [new SizeRule(), new FormatRule(), new UnmonitoredRule()];
                    int failures = 0;
                    foreach (IRule rule in rules)
                    {
                        if (!rule.Check(10)) failures++; // probed
                    }
                    return new SizeRule().Check(5) ? failures : -1; // probed
                }
            }
            public interface IRule { bool Check(int size); }
            public sealed class SizeRule : IRule { [MaxDuration("1s")] public bool Check(int size) => size < 100; }
            public class FormatRule : IRule { [MaxDuration("2s")] bool IRule.Check(int size) => size % 2 == 0; }
            public class UnmonitoredRule : IRule { public bool Check(int size) => true; }
            """;
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
        const string source = """
            using Vypr;
            public static class Program
            {
                public static object Run()
                {
                    Job[] jobs = [new Job(), new FastJob(), new PlainJob()];
                    int total = 0;
                    foreach (Job job in jobs)
                    {
                        total += job.Execute(); // probed
                    }
                    return total;
                }
            }
            public class Job { [MaxDuration("1s")] public virtual int Execute() => 1; }
            public class FastJob : Job { [MaxDuration("5ms")] public override int Execute() => 2; }
            public class PlainJob : Job { public override int Execute() => 3; }
            """;
        var (run, verdicts) = MonitoredProgram.Execute("VirtualCall.cs", source);

        ExpectedFiles.Match("VirtualCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("VirtualCall.cs", source, verdicts);

        // Job.Execute and FastJob.Execute ran and are monitored; PlainJob's override is not.
        Assert.Equal(["Job.Execute()", "FastJob.Execute()"], verdicts.Select(v => MonitoredProgram.SpecificationOf(v).Method));
    }

    [Fact]
    public void Private_methods_are_reached_through_an_unsafe_accessor()
    {
        const string source = """
            using Vypr;
            public static class Program
            {
                public static object Run() => new Parser().Parse("42");
            }
            public class Parser
            {
                public int Parse(string text) => Digits(text) + Helper.Count(text); // probed
                [MaxDuration("1s")] private int Digits(string text) => int.Parse(text);
            }
            public class Helper
            {
                [MaxDuration("1s")] private static int CountCore(string text) => text.Length;
                public static int Count(string text) => CountCore(text); // probed
            }
            """;
        var (run, verdicts) = MonitoredProgram.Execute("PrivateCall.cs", source);

        ExpectedFiles.Match("PrivateCall", run.GeneratedSource);
        MonitoredProgram.AssertProbedLines("PrivateCall.cs", source, verdicts);
        Assert.Equal(2, verdicts.Count);
    }

    [Fact]
    public void Calls_that_throw_still_get_verdicts()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using Vypr;
            public static class Program
            {
                public static async Task Run()
                {
                    try { Failing.Now(); } catch (InvalidOperationException) { } // probed
                    try { await Failing.LaterAsync(); } catch (InvalidOperationException) { } // probed
                    try { await Failing.BeforeTaskAsync(); } catch (ArgumentException) { } // probed
                }
            }
            public static class Failing
            {
                [MaxDuration("10s")] public static void Now() => throw new InvalidOperationException();
                [MaxDuration("10s")] public static async Task LaterAsync() { await Task.Yield(); throw new InvalidOperationException(); }
                [MaxDuration("10s")] public static Task BeforeTaskAsync() => throw new ArgumentException("synchronous");
            }
            """;
        var (_, verdicts) = MonitoredProgram.Execute("ThrowingCall.cs", source);

        MonitoredProgram.AssertProbedLines("ThrowingCall.cs", source, verdicts);
        Assert.Equal(3, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Threw));
        Assert.All(verdicts, v => Assert.True(v.Value, "a call that throws quickly still meets a duration bound"));
    }

    [Fact]
    public void Ref_out_in_parameters_struct_receivers_and_null_conditional_calls()
    {
        const string source = """
            using Vypr;
            public static class Program
            {
                public static object Run()
                {
                    var counter = new Counter();
                    counter.Add(2); // probed
                    int total = 0;
                    Calc.Accumulate(ref total, 5, out int doubled); // probed
                    Calc? maybe = new Calc();
                    int? length = maybe?.Length("abcd"); // probed
                    Calc? none = null;
                    int? nothing = none?.Length("x");
                    return counter.Value + total + doubled + length!.Value + (nothing ?? 0);
                }
            }
            public struct Counter
            {
                public int Value;
                [MaxDuration("1s")] public void Add(int n) => Value += n;
            }
            public class Calc
            {
                [MaxDuration("1s")] public static void Accumulate(ref int total, in int n, out int doubled) { total += n; doubled = 2 * n; }
                [MaxDuration("1s")] public int Length(string s) => s.Length;
            }
            """;
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

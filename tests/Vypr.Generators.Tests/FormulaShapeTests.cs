using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Vypr.Generators.Tests.Harness;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// Fluent specifications end to end: the generator weaves the probes a specification needs, the program runs, and
/// the monitor's verdicts are the ones the semantics (docs/spec-language.md) call for. A slow call sleeps 300 ms
/// against a 150 ms bound, so a loaded machine cannot flip a verdict either way: a sleep never ends early, and a
/// fast call keeps 150 ms of margin for scheduling delays and first-call compilation.
/// </summary>
public sealed class FormulaShapeTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Vypr;

        """;

    [Fact]
    public void VyPR_example_1_argument_interval_then_duration_interval()
    {
        const string source = Usings + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification SmallInputsAreFast => Specification
                    .For<Service>(nameof(Service.Handle))
                    .Forall("t", Calls.To<Calc>(nameof(Calc.F)))
                    .Check(t => Formula.If(t.Argument("n").In(Interval.Closed(0, 10)))
                        .Then(t.Duration().In(Interval.Closed(Duration.Nanoseconds(0), Duration.Milliseconds(150)))));
            }

            public sealed class Calc { public int F(int n) { if (n == 7) Thread.Sleep(300); return n * 2; } }

            public sealed class Service
            {
                private readonly Calc _calc = new();
                public int Handle(int n) => _calc.F(n) + _calc.F(n + 100);
            }

            public static class Program
            {
                public static void Run()
                {
                    var service = new Service();
                    service.Handle(1);
                    service.Handle(7);
                }
            }
            """;

        IReadOnlyList<VerdictInfo> verdicts = Run("Example1", source, expected: "FormulaExample1");

        // Two calls of F per invocation: F(n) and F(n + 100); only F(7) is small and slow.
        Assert.Equal(4, verdicts.Count);
        VerdictInfo violated = Assert.Single(verdicts, v => !v.Value);
        Assert.Equal("t.Duration()", violated.Observations[0].Term);
        Assert.False(violated.Observations[0].Satisfied);
        Assert.Equal(2, violated.Observations.Count); // the argument was observed first, then the duration decided
        Assert.Equal("t.Argument(\"n\")", violated.Observations[1].Term);
        Assert.Equal(7, violated.Observations[1].Value);
        Assert.True(violated.Severity < 0);
    }

    [Fact]
    public void VyPR_example_2_time_between_a_change_and_the_end_of_the_next_call()
    {
        const string source = Usings + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification CalcSoonAfterChange => Specification
                    .For<Service>(nameof(Service.Handle))
                    .Forall("s", Changes.Of("a"))
                    .Check(s => Time.Between(s, s.NextCall<Calculator>(nameof(Calculator.Calc)).End()).In(Interval.Closed(Duration.Nanoseconds(0), Duration.Milliseconds(150))));
            }

            public sealed class Calculator
            {
                public int Next(int i) => i;
                public int Calc(int a) { if (a == 2) Thread.Sleep(300); return a; }
            }

            public sealed class Service
            {
                private readonly Calculator _calc = new();
                public int Handle()
                {
                    int total = 0;
                    for (int i = 0; i < 3; i++)
                    {
                        int a = _calc.Next(i);
                        total += _calc.Calc(a);
                    }

                    return total;
                }
            }

            public static class Program
            {
                public static void Run() => new Service().Handle();
            }
            """;

        IReadOnlyList<VerdictInfo> verdicts = Run("Example2", source, expected: "FormulaExample2");

        // Each loop iteration is its own binding; the third change (a == 2) is followed by a slow Calc.
        Assert.Equal(new[] { true, true, false }, verdicts.OrderBy(v => v.Sequence).Select(v => v.Value));
        VerdictInfo violated = verdicts.Single(v => !v.Value);
        Assert.Equal("ns", violated.Observations[0].Unit);
        Assert.True(violated.Observations[0].Value > 150_000_000);
    }

    [Fact]
    public void VyPR_example_3_writes_after_a_change_of_a_parameter()
    {
        const string source = Usings + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification BigFileWrites => Specification
                    .For<Uploader>(nameof(Uploader.Upload))
                    .Forall("q", Changes.Of("file"))
                    .Forall("t", Calls.To<Store>(nameof(Store.Write)).After("q"))
                    .Check((q, t) => Formula.If(q.Value() == "big.bin").Then(t.Duration() <= Duration.Milliseconds(150)));
            }

            public sealed class Store { public void Write(int n) { if (n > 1) Thread.Sleep(300); } }

            public sealed class Uploader
            {
                private readonly Store _store = new();
                public void Upload(string file, int n) => _store.Write(n);
            }

            public static class Program
            {
                public static void Run()
                {
                    var uploader = new Uploader();
                    uploader.Upload("big.bin", 1);
                    uploader.Upload("big.bin", 2);
                    uploader.Upload("small.bin", 2);
                }
            }
            """;

        IReadOnlyList<VerdictInfo> verdicts = Run("Example3", source, expected: "FormulaExample3");

        Assert.Equal(new[] { true, false, true }, verdicts.OrderBy(v => v.Sequence).Select(v => v.Value));
        VerdictInfo violated = verdicts.Single(v => !v.Value);
        Assert.Equal(2, violated.Observations.Count);
        Assert.Equal("t.Duration()", violated.Observations[0].Term);
        Assert.Contains("(observed \"big.bin\")", violated.Observations[1].Condition);

        // The verdict names the call of the scoped method; its deciding observation names the Write call inside it.
        Assert.Equal(LineOf(source, "uploader.Upload(\"big.bin\", 2)"), MonitoredProgram.SiteOf(violated).Line);
        Assert.Equal(LineOf(source, "_store.Write(n)"), Vypr.Runtime.MonitorRegistry.CallSite(violated.Observations[0].CallSiteId).Line);
        Assert.Equal(
            "Forall(q = Changes(file)).Forall(t = Calls(Store.Write, after q)).Check(If(q.Value() == \"big.bin\").Then(t.Duration() <= 150ms))",
            MonitoredProgram.SpecificationOf(violated).Text);
    }

    [Fact]
    public void VyPR_example_4_duration_of_the_next_call_after_a_change()
    {
        const string source = Usings + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification NextFuncIsFast => Specification
                    .For<Service>(nameof(Service.Handle))
                    .Forall("q", Changes.Of("val"))
                    .Check(q => q.NextCall<Worker>(nameof(Worker.Func)).Duration().In(Interval.Closed(Duration.Nanoseconds(0), Duration.Milliseconds(150))));
            }

            public sealed class Worker
            {
                public int Read(int i) => i;
                public void Func(int val) { if (val == 1) Thread.Sleep(300); }
            }

            public sealed class Service
            {
                private readonly Worker _worker = new();
                public void Handle()
                {
                    int val = _worker.Read(0);
                    _worker.Func(val);
                    val = _worker.Read(1);
                    _worker.Func(val);
                    val = _worker.Read(2);
                }
            }

            public static class Program
            {
                public static void Run() => new Service().Handle();
            }
            """;

        IReadOnlyList<VerdictInfo> verdicts = Run("Example4", source, expected: "FormulaExample4");

        // The last change has no call of Func after it: that binding is incomplete and produces no verdict.
        Assert.Equal(new[] { true, false }, verdicts.OrderBy(v => v.Sequence).Select(v => v.Value));
    }

    [Fact]
    public void The_scoped_methods_own_calls_arguments_and_result_including_calls_that_throw()
    {
        const string source = Usings + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Lookup => Specification
                    .For<Index>(nameof(Index.Find))
                    .Forall("c", Calls.OfScope())
                    .Check(c => Formula.If(c.Argument("key").Length() > 3).Then(c.Duration() < Duration.Milliseconds(150)) & c.Result() != "none");
            }

            public sealed class Index
            {
                public string Find(string key)
                {
                    if (key == "boom") throw new InvalidOperationException("boom");
                    if (key.Length > 3) Thread.Sleep(300);
                    return key.Length > 1 ? key : "none";
                }
            }

            public static class Program
            {
                public static void Run()
                {
                    var index = new Index();
                    index.Find("ab");
                    index.Find("abcdef");
                    index.Find("a");
                    try { index.Find("boom"); } catch (InvalidOperationException) { }
                }
            }
            """;

        IReadOnlyList<VerdictInfo> verdicts = Run("ScopeCalls", source, expected: "FormulaScopeCalls");

        Assert.Equal(4, verdicts.Count);
        var ordered = verdicts.OrderBy(v => MonitoredProgram.SiteOf(v).Line).ToArray();
        Assert.True(ordered[0].Value);                         // "ab": short key, result "ab"
        Assert.False(ordered[1].Value);                        // "abcdef": long key and slow
        Assert.Equal("c.Duration()", ordered[1].Observations[0].Term);
        Assert.False(ordered[2].Value);                        // "a": result "none"
        Assert.Equal("c.Result()", ordered[2].Observations[0].Term);
        Assert.False(ordered[3].Value);                        // threw: no result to compare
        Assert.True(ordered[3].Threw);
    }

    [Fact]
    public void Async_scopes_and_awaited_results_recursion_and_loops_never_mix_invocations()
    {
        const string source = Usings + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification ReadsThenSaves => Specification
                    .For<Pipeline>(nameof(Pipeline.RunAsync))
                    .Forall("q", Changes.Of("size"))
                    .Forall("t", Calls.To<Pipeline>(nameof(Pipeline.SaveAsync)).After("q"))
                    .Check((q, t) => Formula.If(q.Value() >= 100).Then(t.Duration() <= Duration.Milliseconds(150)) & t.Result() == q.Value());
            }

            public sealed class Pipeline
            {
                public async Task<int> ReadAsync(int i) { await Task.Yield(); return i * 50; }

                public async Task<int> SaveAsync(int size)
                {
                    await Task.Yield();
                    if (size >= 100) await Task.Delay(300);
                    return size;
                }

                public async Task<int> RunAsync(int depth)
                {
                    int total = 0;
                    for (int i = 0; i < 3; i++)
                    {
                        int size = await ReadAsync(i + depth);
                        total += await SaveAsync(size);
                    }

                    if (depth == 0)
                    {
                        total += await RunAsync(1);
                    }

                    return total;
                }
            }

            public static class Program
            {
                public static async Task Run()
                {
                    var pipeline = new Pipeline();
                    await Task.WhenAll(pipeline.RunAsync(0), pipeline.RunAsync(0));
                }
            }
            """;

        IReadOnlyList<VerdictInfo> verdicts = Run("AsyncScopes", source, expected: "FormulaAsyncScopes");

        // Two concurrent outer invocations, each with a recursive inner one: 4 invocations x 3 iterations. Sizes
        // 0, 50, 100 (outer) and 50, 100, 150 (inner): sizes of 100 and more are saved slowly, 6 of the 12.
        Assert.Equal(12, verdicts.Count);
        Assert.Equal(6, verdicts.Count(v => v.Value));
        Assert.All(verdicts.Where(v => !v.Value), v => Assert.Equal("t.Duration()", v.Observations[0].Term));
    }

    [Fact]
    public void Every_term_predicate_and_connective_is_woven_and_checked()
    {
        const string source = Usings + """
            public static class Specs
            {
                // Three quantifiers, a name-only quantifier, arguments, results, lengths, arithmetic, a value read as
                // a duration, time between a call's start and a change, a comparison of two measured terms, !, |, !=,
                // an open interval, and a ValueTask<T> result.
                [PerformanceSpecification]
                public static Specification Everything => Specification
                    .For<Job>(nameof(Job.Run))
                    .Forall("load", Calls.To(nameof(Job.Load)))
                    .Forall("q", Changes.Of("rows").After("load"))
                    .Forall("save", Calls.To<Job>(nameof(Job.SaveAsync)).After("q"))
                    .Check((load, q, save) =>
                        (save.Duration() < q.Value().Length().AsDuration(DurationUnit.Milliseconds) * 100 + Duration.Milliseconds(200)
                            | !(load.Argument("name") != "slow"))
                        & save.Result() == q.Value().Length()
                        & Time.Between(load.Start(), q) >= Duration.Nanoseconds(0)
                        & load.Result().Length().In(Interval.Open(0, 100))
                        & save.Duration() > load.Duration() * 0);
            }

            public sealed class Job
            {
                public string[] Load(string name) => name == "empty" ? [] : new[] { name, name };

                // Only the slow save waits: a fast one completes without the thread pool, whose delays on a loaded
                // machine (threads blocked by other tests) have no bound.
                public async ValueTask<int> SaveAsync(string[] rows)
                {
                    if (rows.Length > 0 && rows[0] == "slow") await Task.Delay(600);
                    return rows.Length;
                }

                public async Task<int> Run(string name)
                {
                    string[] rows = Load(name);
                    return await SaveAsync(rows);
                }
            }

            public static class Program
            {
                public static async Task Run()
                {
                    var job = new Job();
                    await job.Run("fast");
                    await job.Run("slow");
                    await job.Run("empty");
                }
            }
            """;

        IReadOnlyList<VerdictInfo> verdicts = Run("Everything", source, expected: "FormulaEverything");

        // "fast": saved quickly, 2 rows (against 2 * 100 ms + 200 ms). "slow": 600 ms against the same 400 ms, but the
        // name is "slow", so the first disjunct holds through its second half. "empty": zero rows makes the open interval (0, 100) fail.
        Assert.Equal(new[] { true, true, false }, verdicts.OrderBy(v => MonitoredProgram.SiteOf(v).Line).Select(v => v.Value));
        VerdictInfo empty = verdicts.OrderBy(v => MonitoredProgram.SiteOf(v).Line).Last();
        Assert.Equal("load.Result().Length()", empty.Observations[0].Term);
        Assert.Equal("count", empty.Observations[0].Unit);
    }

    [Fact]
    public void A_library_declares_the_specification_and_another_compilation_calls_its_scope()
    {
        const string library = """
            using System.Threading;
            using Vypr;
            namespace Lib;
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification Encoding => Specification
                    .For<Codec>(nameof(Codec.EncodeAll))
                    .Forall("q", Changes.Of("count"))
                    .Forall("t", Calls.To<Codec>(nameof(Codec.Encode)).After("q"))
                    .Check((q, t) => Formula.If(q.Value() > 1).Then(t.Duration() <= Duration.Milliseconds(150)));
            }

            public class Codec
            {
                public byte[] Encode(string s) { if (s.Length > 3) Thread.Sleep(300); return System.Text.Encoding.UTF8.GetBytes(s); }
                public int EncodeAll(string s, int count) { int n = 0; for (int i = 0; i < count; i++) n += Encode(s).Length; return n; }
            }
            """;
        var libraryInput = TestCompiler.Compile("FormulaLibrary", null, ("Codec.cs", library));
        TestCompiler.GenerateAndLoad(libraryInput, out GeneratorRun libraryRun);
        using var image = new System.IO.MemoryStream();
        Assert.True(libraryRun.Output.Emit(image, cancellationToken: TestContext.Current.CancellationToken).Success);
        Assert.Contains("SpecificationScopeAttribute(\"P:Lib.Specs.Encoding\"", libraryRun.GeneratedSource);

        const string source = """
            public static class Program
            {
                public static void Run()
                {
                    var codec = new Lib.Codec();
                    codec.EncodeAll("abcdef", 2);
                    codec.EncodeAll("ab", 2);
                    codec.EncodeAll("abcdef", 1);
                }
            }
            """;
        // The program's load context falls back to the default one for the library; a program that is not
        // collectible cannot reference a collectible library, so the library goes into the default context.
        byte[] libraryImage = image.ToArray();
        System.Reflection.Assembly? Resolve(System.Runtime.Loader.AssemblyLoadContext context, System.Reflection.AssemblyName name) =>
            name.Name == "FormulaLibrary" ? context.LoadFromStream(new System.IO.MemoryStream(libraryImage)) : null;
        System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += Resolve;
        GeneratorRun run;
        IReadOnlyList<VerdictInfo> verdicts;
        try
        {
            (run, verdicts) = MonitoredProgram.Execute(
                "FormulaLibraryCall.cs", source, Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray()));
        }
        finally
        {
            System.Runtime.Loader.AssemblyLoadContext.Default.Resolving -= Resolve;
        }

        // One binding per invocation: the count at entry, and the first Encode after it (next semantics).
        Assert.Contains("EnterScope", run.GeneratedSource);
        Assert.Equal(new[] { false, true, true }, verdicts.OrderBy(v => MonitoredProgram.SiteOf(v).Line).Select(v => v.Value));
    }

    [Fact]
    public void Static_and_extension_methods_are_scoped_through_For_with_typeof()
    {
        // Static classes cannot be type arguments (For<Guard> is CS0718): For(typeof(Guard), ...) names them.
        const string source = Usings + """
            public static class Specs
            {
                [PerformanceSpecification]
                public static Specification GuardsAreQuick => Specification
                    .For(typeof(Guard), nameof(Guard.NotNull))
                    .Forall("c", Calls.OfScope())
                    .Check(c => c.Duration() < Duration.Milliseconds(150));

                [PerformanceSpecification]
                public static Specification TrimmedWritesAreQuick => Specification
                    .For(typeof(TextExtensions), nameof(TextExtensions.Store))
                    .Forall("t", Calls.To<Sink>(nameof(Sink.Write)))
                    .Check(t => t.Duration() < Duration.Milliseconds(150));
            }

            public sealed class Sink { public void Write(string text) { if (text == "slow") Thread.Sleep(300); } }

            public static class Guard
            {
                public static T NotNull<T>(T value) where T : class { if (value is "slow") Thread.Sleep(300); return value; }
            }

            public static class TextExtensions
            {
                public static void Store(this string text, Sink sink) => sink.Write(text.Trim());
            }

            public static class Program
            {
                public static void Run()
                {
                    var sink = new Sink();
                    Guard.NotNull("fast");
                    Guard.NotNull("slow");
                    " fast ".Store(sink);
                    TextExtensions.Store(" slow ", sink);
                }
            }
            """;

        IReadOnlyList<VerdictInfo> verdicts = Run("StaticScopes", source);

        Assert.Equal(
            new[] { ("Guard.NotNull", true), ("Guard.NotNull", false), ("TextExtensions.Store", true), ("TextExtensions.Store", false) },
            verdicts.OrderBy(v => MonitoredProgram.SiteOf(v).Line)
                .Select(v => (MonitoredProgram.SpecificationOf(v).Method.Split('<', '(')[0], v.Value))
                .ToArray());
        Assert.Equal(LineOf(source, "TextExtensions.Store(\" slow \", sink)"), MonitoredProgram.SiteOf(verdicts.Single(v => !v.Value && MonitoredProgram.SpecificationOf(v).Method.StartsWith("TextExtensions", System.StringComparison.Ordinal))).Line);
    }

    private static int LineOf(string source, string text) =>
        System.Array.FindIndex(source.Split('\n'), line => line.Contains(text, System.StringComparison.Ordinal)) + 1;

    private static IReadOnlyList<VerdictInfo> Run(string name, string source, string? expected = null)
    {
        (GeneratorRun run, IReadOnlyList<VerdictInfo> verdicts) = MonitoredProgram.Execute(name + ".cs", source);
        if (expected is not null)
        {
            ExpectedFiles.Match(expected, run.GeneratedSource);
        }

        return verdicts;
    }
}

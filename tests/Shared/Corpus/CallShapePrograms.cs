namespace Vypr.Tests.Shared.Corpus;

/// <summary>
/// The programs of the generator's call-shape tests (tests/Vypr.Generators.Tests/CallShapeTests.cs): each a
/// <c>Program.Run</c> that calls monitored methods, every call the generator intercepts on a line marked
/// <c>// probed</c>. The IL backend's tests run the same programs woven in IL and compare the verdicts.
/// </summary>
public static class CallShapePrograms
{
    /// <summary>A static call.</summary>
    public const string StaticCall = """
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

    /// <summary>Instance calls from outside and inside the declaring class, with and without <c>this</c>.</summary>
    public const string InstanceCall = """
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

    /// <summary>Generic methods with inferred and explicit type arguments.</summary>
    public const string GenericCall = """
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

    /// <summary>Methods of generic types with concrete type arguments.</summary>
    public const string GenericTypeCall = """
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

    /// <summary>An extension method in reduced and static form.</summary>
    public const string ExtensionCall = """
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

    /// <summary>Awaited <c>Task</c>, <c>Task&lt;T&gt;</c> and <c>ValueTask&lt;T&gt;</c> methods, one completing synchronously.</summary>
    public const string AsyncCall = """
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

    /// <summary>Calls through an interface reaching a monitored, an explicitly implemented monitored, and an unmonitored implementation.</summary>
    public const string InterfaceCall = """
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

    /// <summary>Virtual calls reaching a monitored base method, a monitored override and an unmonitored override.</summary>
    public const string VirtualCall = """
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

    /// <summary>Private monitored methods called from inside their class.</summary>
    public const string PrivateCall = """
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

    /// <summary>Calls that throw: synchronously, after an await, and before an async method returns its task.</summary>
    public const string ThrowingCall = """
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

    /// <summary><c>ref</c>, <c>out</c> and <c>in</c> parameters, a struct receiver mutated in place, null-conditional calls.</summary>
    public const string RefCall = """
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
}

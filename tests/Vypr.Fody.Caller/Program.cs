using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Shapes;
using Vypr;

namespace Caller;

/// <summary>
/// Makes a known number of calls of each woven shape; Vypr.Fody.Tests counts the verdicts against them. The counts
/// are written beside each group of calls and repeated in the tests.
/// </summary>
public static class Program
{
    public static async Task<int> Main()
    {
        // Sync.Twice: 3 direct, 2 through a delegate, 1 by reflection, 2 inside TwiceTwice = 8.
        for (int i = 0; i < 3; i++)
        {
            Sync.Twice(i);
        }

        Func<int, int> twice = Sync.Twice;
        twice(1);
        Apply(twice, 2);
        typeof(Sync).GetMethod(nameof(Sync.Twice))!.Invoke(null, [4]);
        Sync.TwiceTwice(1);

        // Extensions.Doubled: 2.
        3.Doubled();
        Extensions.Doubled(4);

        // Sync.Fail: 1, threw.
        try
        {
            Sync.Fail();
        }
        catch (InvalidOperationException)
        {
        }

        // Sync.Sleep: 1, violates its 1ms bound.
        Sync.Sleep(50);

        // Sync.Branches: 3 (every return path). Sync.Guarded: 2 (a return inside try, a return from catch).
        Sync.Branches(-1);
        Sync.Branches(50);
        Sync.Branches(0);
        Sync.Guarded(1);
        Sync.Guarded(int.MaxValue);

        // Sync.Slot (ref return): 1.
        int[] values = [1, 2, 3];
        Sync.Slot(values, 1) = 5;

        // Asyncs.WaitAsync: 1, lasting at least the delay. CountAsync: 2 through a generic delegate.
        await Asyncs.WaitAsync(60);
        Func<int, Task<int>> count = Asyncs.CountAsync;
        await count(1);
        await ApplyAsync(count, 2);

        // PauseAsync: 1. PeekAsync: 2 (one completes synchronously).
        await Asyncs.PauseAsync(1);
        await Asyncs.PeekAsync(0);
        await Asyncs.PeekAsync(1);

        // ThrowAsync: 1 threw. WaitForCancellationAsync: 1 threw (cancelled). Checked: 2, one threw before any task.
        await Expect<InvalidOperationException>(Asyncs.ThrowAsync);
        using (var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(20)))
        {
            await Expect<OperationCanceledException>(() => Asyncs.WaitForCancellationAsync(cancellation.Token));
        }

        await Asyncs.Checked(1);
        await Expect<ArgumentOutOfRangeException>(() => Asyncs.Checked(-1));

        // Generic.Echo: 3 (two closed calls, one inside generic code over T).
        Generic.Echo(1);
        Generic.Echo("a");
        Generic.Forward(2.5);

        // Repository<T>.Save: 3 through the generic interface, over two type arguments; Page.Size: 1.
        SaveAll<int>(new Repository<int>(), [1, 2]);
        SaveAll<string>(new Repository<string>(), ["x"]);
        Repository<string>.Page.Size(["a", "b"], 1);

        // LengthRule.Check: 3 through IRule<string>; PositiveRule's explicit IRule<int>.Check: 2.
        CheckAll<string>(new LengthRule(), ["a", "bb", "ccc"]);
        CheckAll<int>(new PositiveRule(), [1, -1]);

        // Square.Area: 2 through Shape; Square.Name: 1 through Shape.
        Shape shape = new Square(2);
        _ = shape.Area() + shape.Area();
        _ = shape.Name();

        // Connection's constructor: 2 (new, Activator); Size: set 1, get 2.
        var connection = new Connection("a");
        _ = Activator.CreateInstance(typeof(Connection), "b");
        connection.Size = 3;
        _ = connection.Size + connection.Size;

        // Point.Sum: 1; Point.Move: 1 (a mutating struct method).
        var point = new Point { X = 1, Y = 2 };
        point.Move(1);
        _ = point.Sum();

        // [Time] (MethodTimer's convention): Compute 2, FetchAsync 1, MeasuredClass.First 1, Second 1; each also
        // reaches MethodTimeLogger, with monitoring on or off.
        Measured.Compute(1);
        Measured.Compute(2);
        await Measured.FetchAsync(7);
        var measured = new MeasuredClass();
        _ = measured.First() + measured.Second();
        var logged = MethodTimeLogger.Entries.ToArray();
        bool loggerHeard = logged.Length == 5
            && logged.Count(e => e.Method == "Compute") == 2
            && logged.Single(e => e.Method == "FetchAsync") is { Message: "fetching {id}" } fetch && fetch.Elapsed >= TimeSpan.FromMilliseconds(30)
            && logged.Count(e => e.Method is "First" or "Second") == 2;
        if (!loggerHeard)
        {
            Console.Error.WriteLine("MethodTimeLogger heard: " + string.Join(", ", logged.Select(e => $"{e.Method} {e.Elapsed} {e.Message}")));
            return 4;
        }

        // Ledger.Tally, the scope of fluent specifications woven in IL: 5 invocations over 9 amounts (1, 2, 3 directly;
        // 4, 5 through ILedger; 6 through a delegate; 7 and 8, 9 inside Shapes' own TallyAll). Each returns 0.
        var ledger = new Ledger();
        int tallied = ledger.Tally([1, 2, 3]);
        ILedger throughInterface = new Ledger();
        tallied += throughInterface.Tally([4, 5]);
        Func<int[], int> throughDelegate = new Ledger().Tally;
        tallied += throughDelegate([6]);
        tallied += new Ledger().TallyAll([[7], [8, 9]]);
        // Ledger.TryWeigh: 2 invocations, its call of Weigh throws in the second (caught inside).
        tallied += ledger.TryWeigh(2) + ledger.TryWeigh(-1);

        // Ledger.Clamp: 1, assigning its parameter in its body.
        tallied += ledger.Clamp(50);

        // Ledger.Offset: 2 invocations, Weigh throws mid-expression in the second (caught inside). Ledger.Scaled: 2,
        // Weigh throws mid-expression in the second, out of Scaled.
        tallied += ledger.Offset(2) + ledger.Offset(-1) + ledger.Scaled(1);

        // Bin<int>.Put: 3 invocations (1 direct, 2 through IBin<int> in generic code), each with one call of Sizes.Of<int>.
        // Sizes.All<T>: 2 invocations (over int, then string) with 3 + 2 calls of Sizes.Of<T>.
        var bin = new Bin<int>();
        tallied += bin.Put(10) + PutAll<int>(bin, [200, 3]) - 13;
        tallied += Sizes.All([1, 22, 333]) + Sizes.All(["a", "bc"]) - 6 - 3;

        // Ledger.Aliases: 1 invocation, writing its locals through their addresses (4 + 10).
        tallied += ledger.Aliases(3);
        try
        {
            tallied += ledger.Scaled(-1);
        }
        catch (ArgumentOutOfRangeException)
        {
        }

        // Ledger.Bump: 5 rounds of 20 invocations of a woven synchronous scope. The fewest bytes a round allocated is 0
        // (the invocation is current on its thread, from a pool); a round may see the thread's buffer drained.
        long fewest = long.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            int bumped = 0;
            for (int i = 0; i < 20; i++)
            {
                bumped += ledger.Bump(i);
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            tallied += bumped - 210;
        }

        Console.WriteLine($"woven synchronous scope, fewest bytes allocated by 20 invocations: {fewest}");
        if (tallied != 3 + 2 + 1 + 1 + 2 + 4 - 1 + 10 + 104 - 1 + 7 + 14 || ledger.Total != 12)
        {
            Console.Error.WriteLine($"Ledger tallied {tallied}, total {ledger.Total}");
            return 5;
        }

        // Gauge.Read: 2 through Meter (a scope with its own [MaxDuration]). Feed.PullAsync: 2, each with one FetchAsync,
        // one SlowAsync and two writes of 'got'.
        Meter meter = new Gauge();
        int read = meter.Read(1) + meter.Read(2);
        var feed = new Feed();
        int pulled = await feed.PullAsync(1) + await feed.PullAsync(3);
        if (read != 3 + 5 || pulled != 11 + 33)
        {
            Console.Error.WriteLine($"Gauge read {read}, Feed pulled {pulled}");
            return 6;
        }

        // This project's own monitored method, intercepted at its 2 call sites here.
        Local.Work(1);
        Local.Work(2);
        return point.X == 2 && values[1] == 5 && Sync.GuardedCalls == 2 ? 0 : 3;
    }

    private static int Apply(Func<int, int> function, int value) => function(value);

    private static Task<T> ApplyAsync<T>(Func<T, Task<T>> function, T value) => function(value);

    private static void SaveAll<T>(IRepository<T> repository, IEnumerable<T> items)
    {
        foreach (T item in items)
        {
            repository.Save(item);
        }
    }

    private static int CheckAll<T>(IRule<T> rule, IEnumerable<T> values) => values.Count(rule.Check);

    private static int PutAll<T>(IBin<T> bin, IEnumerable<T> items) => items.Sum(bin.Put);

    private static async Task Expect<TException>(Func<Task> call)
        where TException : Exception
    {
        try
        {
            await call();
        }
        catch (TException)
        {
            return;
        }

        throw new InvalidOperationException($"expected {typeof(TException).Name}");
    }
}

public static class Local
{
    [MaxDuration("10s")]
    public static int Work(int x) => x + 1;
}

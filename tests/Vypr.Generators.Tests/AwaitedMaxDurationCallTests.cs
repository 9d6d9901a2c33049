using System;
using System.Linq;
using Vypr.Generators.Tests.Harness;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// A <c>[MaxDuration]</c> async call whose task completes on another thread with its continuations run asynchronously
/// (a TaskCompletionSource created with RunContinuationsAsynchronously, as SemaphoreSlim, channels and sockets make):
/// the completer queues the probe's recording and the caller's continuation side by side and runs the caller first, so
/// a test that awaited the call could look for its verdict before it was recorded (and a test ending right after the
/// await could end without it; CompletionTests saw the calls' verdicts out of order under load). The caller now awaits
/// a task that completes once the call is recorded: after each await, the call's verdict is there.
/// </summary>
public sealed class AwaitedMaxDurationCallTests
{
    private const string Source = """
        using System;
        using System.Threading.Tasks;
        using Vypr;

        public sealed class Fetcher
        {
            [MaxDuration("60s")]
            public Task<string> NameAsync(int n) => Make(n);

            [MaxDuration("60s")]
            public ValueTask<string> NameValueAsync(int n) => new(Make(n));

            private static Task<string> Make(int n)
            {
                var completion = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = CompleteAsync(completion, n);
                return completion.Task;
            }

            private static async Task CompleteAsync(TaskCompletionSource<string> completion, int n)
            {
                await Task.Yield();
                completion.SetResult(new string('u', n));
            }
        }

        public static class Program
        {
            // After each awaited call, how many calls the test's verdicts count.
            public static async Task<long[]> Run(int rounds, Func<long> seen)
            {
                var w = new Fetcher();
                var counts = new long[2 * rounds];
                for (int round = 0; round < rounds; round++)
                {
                    await w.NameAsync(1 + round % 5);
                    counts[2 * round] = seen();
                    await w.NameValueAsync(1 + round % 5);
                    counts[2 * round + 1] = seen();
                }

                return counts;
            }
        }
        """;

    [Fact]
    public async System.Threading.Tasks.Task After_each_awaited_call_its_verdict_is_already_recorded()
    {
        const int rounds = 200;
        var assembly = TestCompiler.GenerateAndLoad(TestCompiler.Compile("AwaitedMaxDuration", null, ("AwaitedMaxDuration.cs", Source)), out _);
        using var scope = TestScope.Begin(nameof(After_each_awaited_call_its_verdict_is_already_recorded));
        Func<long> seen = () => scope.CollectSummaries().Sum(s => (long)s.Calls);

        long[] counts = await (System.Threading.Tasks.Task<long[]>)assembly.GetType("Program")!.GetMethod("Run")!.Invoke(null, [rounds, seen])!;

        int[] late = Enumerable.Range(0, counts.Length).Where(i => counts[i] < i + 1).ToArray();
        Assert.True(late.Length == 0, $"{late.Length} of {counts.Length} awaited calls had no verdict yet when their caller resumed (first at call {(late.Length > 0 ? late[0] + 1 : 0)})");
        Assert.Equal(2L * rounds, seen());
    }
}

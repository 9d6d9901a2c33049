using System.Collections.Generic;
using System.Linq;
using Vypr.Contracts;
using Vypr.Generators.Tests.Harness;
using Vypr.Runtime;
using Xunit;

namespace Vypr.Generators.Tests;

/// <summary>
/// An async scoped method assigns an awaited call's result (a change), and the call's task completes on another thread
/// with its continuations run asynchronously, as a TaskCompletionSource created with RunContinuationsAsynchronously
/// (SemaphoreSlim, channels, sockets) does. Its completer then queues both the interceptor's recording and the scoped
/// method's own continuation, and runs the one queued last first: the scoped method used to resume, end and record its
/// exit before the change was recorded, which then came after its invocation's end and was lost without a word (the
/// rare "9993 verdicts for 10000 bindings" of ConcurrencyStressTests, here nearly every time). The caller now awaits a
/// task that completes once the call is recorded, so every invocation gives its verdict.
/// </summary>
public sealed class AwaitedCallOrderTests
{
    private const string Source = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Vypr;

        public static class Specs
        {
            [PerformanceSpecification]
            public static Specification AwaitedNames => Specification.For<Fetcher>(nameof(Fetcher.RunAsync))
                .Forall("n0", Changes.Of("n"))
                .Forall("q", Changes.Of("u").After("n0"))
                .Check((n0, q) => q.Value().Length() == n0.Value());

            [PerformanceSpecification]
            public static Specification AwaitedReads => Specification.For<Fetcher>(nameof(Fetcher.ReadAsync))
                .Forall("r", Calls.To<Fetcher>(nameof(Fetcher.NameAsync)))
                .Check(r => r.Result().Length() == r.Argument("n"));

            [PerformanceSpecification]
            public static Specification AwaitedValueReads => Specification.For<Fetcher>(nameof(Fetcher.ReadAsync))
                .Forall("r", Calls.To<Fetcher>(nameof(Fetcher.NameValueAsync)))
                .Check(r => r.Result().Length() == r.Argument("n"));
        }

        public sealed class Fetcher
        {
            // Completed by a thread-pool thread, its continuations queued rather than run inline.
            public Task<string> NameAsync(int n)
            {
                var completion = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = CompleteAsync(completion, n);
                return completion.Task;
            }

            public ValueTask<string> NameValueAsync(int n) => new(NameAsync(n));

            private static async Task CompleteAsync(TaskCompletionSource<string> completion, int n)
            {
                await Task.Yield();
                completion.SetResult(new string('u', n));
            }

            public async Task<int> RunAsync(int n)
            {
                string u = await NameAsync(n);
                return u.Length;
            }

            public async Task<int> ReadAsync(int n)
            {
                string first = await NameAsync(n);
                string second = await NameValueAsync(n);
                return first.Length + second.Length;
            }
        }

        public static class Program
        {
            public static async Task Run(int rounds)
            {
                var w = new Fetcher();
                for (int round = 0; round < rounds; round++)
                {
                    int n = 1 + round % 5;
                    await Task.WhenAll(w.RunAsync(n), w.RunAsync(n + 1), w.ReadAsync(n));
                }
            }
        }
        """;

    [Fact]
    public async System.Threading.Tasks.Task A_change_from_an_awaited_call_completed_with_asynchronous_continuations_is_never_lost()
    {
        const int rounds = 300;
        var input = TestCompiler.Compile("AwaitedCallOrder", null, ("AwaitedCallOrder.cs", Source));
        var assembly = TestCompiler.GenerateAndLoad(input, out _);
        using var scope = TestScope.Begin(nameof(A_change_from_an_awaited_call_completed_with_asynchronous_continuations_is_never_lost));
        await (System.Threading.Tasks.Task)assembly.GetType("Program")!.GetMethod("Run")!.Invoke(null, [rounds])!;

        IReadOnlyList<VerdictInfo> kept = scope.CollectVerdicts();
        Dictionary<string, (long Calls, long Violations)> totals = scope.CollectSummaries()
            .GroupBy(s => MonitorRegistry.Specification(MonitorRegistry.CallSite(s.CallSiteId).SpecificationId).Key)
            .ToDictionary(g => g.Key, g => (g.Sum(s => (long)s.Calls), g.Sum(s => (long)s.Violations)));

        // Two RunAsync invocations per round, one verdict each; one ReadAsync, which awaits a task and a value task.
        var expected = new Dictionary<string, long> { ["P:Specs.AwaitedNames"] = 2L * rounds, ["P:Specs.AwaitedReads"] = rounds, ["P:Specs.AwaitedValueReads"] = rounds };
        foreach ((string key, long count) in expected)
        {
            Assert.True(totals.TryGetValue(key, out var total), $"no verdicts for {key}");
            Assert.True(count == total.Calls, $"{key}: {total.Calls} verdicts for {count} bindings");
            Assert.True(total.Violations == 0, $"{key}: {total.Violations} violations; first: {kept.FirstOrDefault(v => !v.Value)?.Observations[0]}");
        }
    }
}

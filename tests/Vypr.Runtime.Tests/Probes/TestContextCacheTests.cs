using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Vypr.Runtime.Tests.Probes;

/// <summary>
/// A probe reads the running test through its thread's cache of the last execution context it recorded in
/// (<see cref="ThreadCallBuffer.CurrentTestId"/>): on every kind of context change a test run makes, the cache must
/// give what the test's async-local gives.
/// </summary>
public sealed class TestContextCacheTests
{
    private static readonly AsyncLocal<int> s_frameworkValue = new();

    [Fact]
    public void Random_context_changes_on_one_thread_always_read_the_current_test()
    {
        var failures = new List<string>();
        var thread = new Thread(() => failures.AddRange(RandomWalk(new Random(15), steps: 3_000)));
        thread.Start();
        thread.Join();

        Assert.Empty(failures);
    }

    [Fact]
    public void Alternating_between_two_tests_contexts_reads_each_test()
    {
        (ExecutionContext first, TestScope firstTest) = TestContexts.OfNewTest("Vypr.Runtime.Tests.Cache.First");
        (ExecutionContext second, TestScope secondTest) = TestContexts.OfNewTest("Vypr.Runtime.Tests.Cache.Second");
        int firstId = firstTest.Id, secondId = secondTest.Id;
        var read = new List<(int Expected, int Cached)>();
        for (int i = 0; i < 100; i++)
        {
            ExecutionContext.Run(i % 2 == 0 ? first : second, _ => read.Add((i % 2 == 0 ? firstId : secondId, ThreadCallBuffer.Current.CurrentTestId())), null);
        }

        firstTest.End(null);
        secondTest.End(null);
        Assert.All(read, r => Assert.Equal(r.Expected, r.Cached));
        Assert.NotEqual(firstId, secondId);
    }

    [Fact]
    public void This_runtime_lets_the_probe_read_its_threads_context_without_thread_local_storage() =>
        Assert.True(ThreadCallBuffer.ReadsOwnerContext);

    [Fact]
    public async Task A_test_flowing_across_awaits_and_suppressed_flow_is_read_on_every_thread()
    {
        using TestScope scope = TestScope.Begin("Vypr.Runtime.Tests.Cache.Awaits");
        for (int i = 0; i < 50; i++)
        {
            await Task.Yield();
            Assert.Equal(scope.Id, ThreadCallBuffer.Current.CurrentTestId());
            Task<int> onPool;
            using (ExecutionContext.SuppressFlow())
            {
                Assert.Equal(scope.Id, ThreadCallBuffer.Current.CurrentTestId());
                onPool = Task.Run(() => ThreadCallBuffer.Current.CurrentTestId());
            }

            Assert.Equal(0, await onPool);
        }
    }

    // Begins and ends tests, sets an unrelated async-local, runs in contexts captured earlier and suppresses flow, in a
    // seeded random order; after each step, the cached read must equal the async-local's.
    private static List<string> RandomWalk(Random random, int steps)
    {
        var failures = new List<string>();
        var open = new Stack<TestScope>();
        var captured = new List<ExecutionContext>();
        for (int step = 0; step < steps; step++)
        {
            int action = random.Next(6);
            switch (action)
            {
                case 0 when open.Count < 8:
                    open.Push(TestScope.Begin($"Vypr.Runtime.Tests.Cache.Walk{step}"));
                    break;
                case 1 when open.Count > 0:
                    open.Pop().End(null);
                    break;
                case 2:
                    s_frameworkValue.Value = step;
                    break;
                case 3 when captured.Count > 0:
                    ExecutionContext context = captured[random.Next(captured.Count)];
                    ExecutionContext.Run(context.CreateCopy(), _ => Check(failures, step, "in a captured context"), null);
                    break;
                case 4:
                    using (ExecutionContext.SuppressFlow())
                    {
                        Check(failures, step, "flow suppressed");
                    }

                    break;
                default:
                    if (ExecutionContext.Capture() is { } now)
                    {
                        captured.Add(now);
                    }

                    break;
            }

            Check(failures, step, "after action " + action);
        }

        while (open.Count > 0)
        {
            open.Pop().End(null);
        }

        return failures;
    }

    private static void Check(List<string> failures, int step, string where)
    {
        int expected = TestScope.CurrentId;
        int cached = ThreadCallBuffer.Current.CurrentTestId();
        if (cached != expected)
        {
            failures.Add($"step {step}, {where}: cached {cached}, async-local {expected}");
        }
    }
}

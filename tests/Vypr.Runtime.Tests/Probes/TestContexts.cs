using System.Threading;

namespace Vypr.Runtime.Tests.Probes;

/// <summary>Execution contexts that hold a test, for tests that run code in one test's context and then another's.</summary>
internal static class TestContexts
{
    /// <summary>Begins a test on a thread of its own and captures the context it leaves there.</summary>
    /// <param name="name">The test's name.</param>
    /// <returns>The captured context, in which <see cref="TestScope.Current"/> is the test, and the test.</returns>
    public static (ExecutionContext Context, TestScope Test) OfNewTest(string name)
    {
        // A thread of its own: the test is current only in the context captured there, not in the caller's.
        ExecutionContext? context = null;
        TestScope? test = null;
        var thread = new Thread(() =>
        {
            test = TestScope.Begin(name);
            context = ExecutionContext.Capture();
        });
        thread.Start();
        thread.Join();
        return (context!, test!);
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace Vypr.Runtime.Tests.Scopes;

/// <summary>
/// Synchronous scoped methods (entered on their thread, <see cref="Probe.EnterScopeOnThread"/>) beside an asynchronous
/// one (entered in the async flow), in the shapes where the two could be confused: recursion, nesting, work handed to
/// other threads, calls from many threads at once, a body that throws.
/// </summary>
public sealed class SynchronousScopes
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Step(int i) => i + 1;

    /// <summary>Makes <paramref name="k"/> steps, each with an argument below <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Steps(int k)
    {
        int sum = 0;
        for (int i = 0; i < k; i++)
        {
            sum += Step(i);
        }

        return sum;
    }

    /// <summary>
    /// Hands a step with an argument far above <paramref name="k"/> to another thread and waits for it, between steps of
    /// its own: a call in a lambda is not a call of the scope (it would violate <see cref="SynchronousScopeSpecifications.StepsBelowK"/>).
    /// </summary>
    public static int StepsAroundTaskRun(int k)
    {
        int sum = Step(0);
        sum += Task.Run(() => Step(1_000) + Steps(k)).Result;
        for (int i = 1; i < k; i++)
        {
            sum += Step(i);
        }

        return sum;
    }

    /// <summary>Makes <paramref name="k"/> steps, then throws.</summary>
    public static int StepsThenThrow(int k)
    {
        for (int i = 0; i < k; i++)
        {
            Step(i);
        }

        throw new InvalidOperationException("after the steps");
    }

    /// <summary>Calls itself down to 0; each call returns its own depth.</summary>
    public static int Recurse(int depth) => depth == 0 ? 0 : 1 + Recurse(depth - 1) + (Recurse(0) * 0);

    /// <summary>Two nested scopes of other specifications: <see cref="Steps"/> twice with k = 2.</summary>
    public static int Outer() => Steps(2) + StepsAroundTaskRun(2);

    /// <summary>An asynchronous scope whose steps run after an await, on any thread, around synchronous scopes.</summary>
    public static async Task<int> StepsAsync(int k)
    {
        int sum = Steps(1);
        await Task.Yield();
        for (int i = 0; i < k; i++)
        {
            sum += Step(i);
        }

        return sum + Steps(1);
    }
}

using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Vypr.Runtime.Tests.Scopes;

/// <summary>
/// Scoped methods whose specifications read the scoped call's own time or do not (see <see cref="UntimedScopeSpecifications"/>):
/// their call sites read the clock around the scoped call only when some specification needs it.
/// </summary>
public sealed class UntimedScopes
{
    /// <summary>How long each scoped call waits before its inner call, so the scoped call's own time is measurable.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(2);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Inner(int i) => i % 5 == 4 ? throw new InvalidOperationException("every fifth inner call") : i + 1;

    /// <summary>Scoped by a specification over its inner calls only: untimed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int InnerOnly(int i) => Inner(i);

    /// <summary>Scoped by a specification over its own call's duration: timed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int OwnDuration(int i)
    {
        Thread.Sleep(Pause);
        return Inner(i);
    }

    /// <summary>Scoped by a specification over the time from its parameter at entry to its inner call: timed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int FromEntry(int k)
    {
        Thread.Sleep(Pause);
        return Inner(k);
    }

    /// <summary>Scoped by two specifications, one untimed and one reading the scoped call's result: timed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Shared(int i) => Inner(i);
}

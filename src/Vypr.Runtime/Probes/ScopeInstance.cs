using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Vypr.Runtime;

/// <summary>
/// One invocation of a scoped method, created by the generated code at the call site of the method and made
/// current for the calls inside it through an async-local, so that threads, async flows and recursive calls never
/// mix their events. Not meant to be used by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ScopeInstance
{
    private static readonly AsyncLocal<ScopeInstance?> s_current = new();
    private static int s_lastId;

    private int _sequence;

    private ScopeInstance(int scopeId, ScopeInstance? outer)
    {
        ScopeId = scopeId;
        Outer = outer;
        Id = Interlocked.Increment(ref s_lastId);
    }

    /// <summary>The invocation's number within the run (it wraps after 2^32 invocations; only invocations open at the same time must differ).</summary>
    public int Id { get; }

    /// <summary>The scoped method (see <see cref="MonitorRegistry.RegisterScope"/>).</summary>
    public int ScopeId { get; }

    internal ScopeInstance? Outer { get; }

    /// <summary>The innermost invocation in the current async flow, if it is of the scoped method <paramref name="scopeId"/>.</summary>
    /// <param name="scopeId">What <see cref="MonitorRegistry.RegisterScope"/> returned for the method whose body holds the call.</param>
    /// <returns>The invocation, or null when the body runs outside a woven call (through a delegate or reflection).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScopeInstance? Current(int scopeId)
    {
        ScopeInstance? current = s_current.Value;
        return current is not null && current.ScopeId == scopeId ? current : null;
    }

    internal static ScopeInstance Enter(int scopeId)
    {
        var instance = new ScopeInstance(scopeId, s_current.Value);
        s_current.Value = instance;
        return instance;
    }

    internal void Leave()
    {
        if (ReferenceEquals(s_current.Value, this))
        {
            s_current.Value = Outer;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int NextSequence() => Interlocked.Increment(ref _sequence);
}

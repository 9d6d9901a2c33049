using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Vypr.Runtime;

/// <summary>
/// One invocation of a scoped method, created by the generated code at the call site of the method and made
/// current for the calls inside it, so that threads, async flows and recursive calls never mix their events. Not
/// meant to be used by hand.
/// </summary>
/// <remarks>
/// <para>
/// The calls a specification counts are those written directly in the scoped method's body (not in its lambdas or
/// local functions). In a method that is neither <see langword="async"/> nor an iterator, and whose call returns no
/// task, those calls run on the calling thread, while the call lasts. Such an invocation is current for its thread
/// only (<see cref="EnterOnThread"/>): a thread-static stack, and instances reused from a small per-thread pool once
/// their exit is recorded, so an invocation allocates nothing. An asynchronous method's body goes on after its
/// first await, on any thread and after its call site has returned its task: its invocation is made current in the
/// async flow (<see cref="Enter"/>, an <see cref="AsyncLocal{T}"/>, which allocates a new execution context), and
/// each such instance is used once.
/// </para>
/// <para>The generator chooses between the two at the scoped method's call site, from the method's declaration.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ScopeInstance
{
    private const int PoolSize = 4;
    private const int IdBlock = 256;

    private static readonly AsyncLocal<ScopeInstance?> s_current = new();
    private static int s_lastId;

    // The innermost on-thread invocation of this thread, the free on-thread instances, and a block of IDs taken from
    // the run's counter in one interlocked step.
    [ThreadStatic]
    private static ScopeInstance? t_current;

    [ThreadStatic]
    private static ScopeInstance?[]? t_pool;

    [ThreadStatic]
    private static int t_free;

    [ThreadStatic]
    private static int t_nextId;

    [ThreadStatic]
    private static int t_idsLeft;

    private readonly bool _onThread;
    private readonly int _ownerThreadId;
    private int _sequence;

    private ScopeInstance(int scopeId, ScopeInstance? outer, int id, bool onThread)
    {
        ScopeId = scopeId;
        Outer = outer;
        Id = id;
        _onThread = onThread;
        _ownerThreadId = onThread ? Environment.CurrentManagedThreadId : 0;

        // An asynchronous invocation's events may be recorded on any thread, even after it ended (a call it did not
        // await): they carry its test, so that such a record can still be reported against the test. An on-thread
        // invocation leaves it 0 and costs no read of the test's async-local.
        TestId = onThread ? 0 : TestScope.CurrentId;
    }

    /// <summary>For an asynchronous invocation, the test it began in (0 when none, and for an on-thread invocation).</summary>
    internal int TestId { get; }

    /// <summary>The invocation's number within the run (it wraps after 2^32 invocations; only invocations open at the same time must differ).</summary>
    public int Id { get; private set; }

    /// <summary>The scoped method (see <see cref="MonitorRegistry.RegisterScope"/>).</summary>
    public int ScopeId { get; private set; }

    internal ScopeInstance? Outer { get; private set; }

    /// <summary>The innermost invocation, on this thread or in the current async flow, if it is of the scoped method <paramref name="scopeId"/>.</summary>
    /// <param name="scopeId">What <see cref="MonitorRegistry.RegisterScope"/> returned for the method whose body holds the call.</param>
    /// <returns>The invocation, or null when the body runs outside a woven call (through a delegate or reflection).</returns>
    /// <remarks>
    /// An on-thread invocation is checked first: a call written directly in a synchronous scoped method's body runs
    /// while the invocation is the innermost one on its thread (the calls it makes have returned), and it is never
    /// the invocation of an asynchronous method, which is a different method.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScopeInstance? Current(int scopeId)
    {
        ScopeInstance? onThread = t_current;
        if (onThread is not null && onThread.ScopeId == scopeId)
        {
            return onThread;
        }

        return CurrentInFlow(scopeId);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ScopeInstance? CurrentInFlow(int scopeId)
    {
        ScopeInstance? current = s_current.Value;
        return current is not null && current.ScopeId == scopeId ? current : null;
    }

    internal static ScopeInstance Enter(int scopeId)
    {
        var instance = new ScopeInstance(scopeId, s_current.Value, Interlocked.Increment(ref s_lastId), onThread: false);
        s_current.Value = instance;
        return instance;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ScopeInstance EnterOnThread(int scopeId)
    {
        ScopeInstance?[]? pool = t_pool;
        ScopeInstance instance;
        int id = NextId();
        if (pool is not null && t_free > 0)
        {
            int free = --t_free;
            instance = pool[free]!;
            pool[free] = null;
            instance.ScopeId = scopeId;
            instance.Outer = t_current;
            instance.Id = id;
            instance._sequence = 0;
        }
        else
        {
            instance = new ScopeInstance(scopeId, t_current, id, onThread: true);
        }

        t_current = instance;
        return instance;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextId()
    {
        if (t_idsLeft == 0)
        {
            t_nextId = Interlocked.Add(ref s_lastId, IdBlock) - IdBlock + 1;
            t_idsLeft = IdBlock;
        }

        t_idsLeft--;
        return t_nextId++;
    }

    internal void Leave()
    {
        if (_onThread)
        {
            if (ReferenceEquals(t_current, this))
            {
                t_current = Outer;
            }
        }
        else if (ReferenceEquals(s_current.Value, this))
        {
            s_current.Value = Outer;
        }
    }

    /// <summary>
    /// After the invocation's exit is recorded (its last use by the generated code): an on-thread instance goes back
    /// to its thread's pool. Only from its own thread, and only once it has left, so an instance is never current and
    /// free at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Exited()
    {
        if (_onThread)
        {
            Release();
        }
    }

    private void Release()
    {
        if (_ownerThreadId != Environment.CurrentManagedThreadId || ReferenceEquals(t_current, this))
        {
            return;
        }

        Outer = null;
        ScopeInstance?[] pool = t_pool ??= new ScopeInstance?[PoolSize];
        if (t_free < PoolSize)
        {
            pool[t_free++] = this;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int NextSequence() => _onThread ? ++_sequence : Interlocked.Increment(ref _sequence);
}

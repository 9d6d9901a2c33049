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

    // This thread's on-thread invocations (the innermost, the free instances, a block of IDs): one thread-static
    // object, so entering reads thread-local storage once and leaving and releasing read it at most once.
    [ThreadStatic]
    private static ThreadScopes? t_scopes;

    // The thread whose state an on-thread instance belongs to (null for an async-flow instance).
    private readonly ThreadScopes? _owner;
    private int _sequence;

    // Set when a call in the invocation is still pending as its interceptor returns (a task the method did not
    // await, say): the call's events may come from another thread, even after the invocation's exit, so this
    // instance is never reused for another invocation and numbers its events atomically.
    private bool _held;

    private ScopeInstance(int scopeId, ScopeInstance? outer, int id, ThreadScopes? owner)
    {
        ScopeId = scopeId;
        Outer = outer;
        Id = id;
        _owner = owner;

        // An asynchronous invocation's events may be recorded on any thread, even after it ended (a call it did not
        // await): they carry its test, so that such a record can still be reported against the test. An on-thread
        // invocation leaves it 0 and costs no read of the test's async-local.
        TestId = owner is not null ? 0 : TestScope.CurrentId;
    }

    /// <summary>For an asynchronous invocation, and an on-thread one holding a pending call, the test it began in (0 when none, and for other on-thread invocations).</summary>
    internal int TestId { get; private set; }

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
        ScopeInstance? onThread = t_scopes?.Current;
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
        var instance = new ScopeInstance(scopeId, s_current.Value, Interlocked.Increment(ref s_lastId), owner: null);
        s_current.Value = instance;
        return instance;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ScopeInstance EnterOnThread(int scopeId)
    {
        ThreadScopes scopes = t_scopes ?? CreateThreadScopes();
        ScopeInstance instance;
        int id = scopes.NextId();
        if (scopes.Free > 0)
        {
            // The slot keeps its reference (only slots below Free are free), so that the instance's release, usually
            // into the same slot, finds itself there and stores nothing.
            instance = scopes.Pool[--scopes.Free]!;
            instance.ScopeId = scopeId;

            // A pooled instance's Outer is null (Release cleared it): a top-level invocation stores nothing there, and
            // so pays no write barrier.
            if (scopes.Current is { } outer)
            {
                instance.Outer = outer;
            }

            instance.Id = id;
            instance._sequence = 0;
        }
        else
        {
            instance = new ScopeInstance(scopeId, scopes.Current, id, scopes);
        }

        scopes.Current = instance;
        return instance;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ThreadScopes CreateThreadScopes() => t_scopes = new ThreadScopes(ThreadCallBuffer.Current);

    // An on-thread invocation is entered, left and exited by the same synchronous interceptor frame, so on its own
    // thread: leaving restores its thread's innermost invocation without reading thread-local storage.
    /// <summary>
    /// Marks <paramref name="scope"/> as the invocation of a call that is still pending, whose events are recorded
    /// when it completes, on whichever thread: an on-thread invocation is then never pooled for reuse, so those events
    /// can never be taken for another invocation's. Called by the generated code on the pending path only.
    /// </summary>
    /// <param name="scope">The invocation the pending call belongs to, or null outside any.</param>
    /// <returns><paramref name="scope"/>.</returns>
    public static ScopeInstance? Held(ScopeInstance? scope)
    {
        if (scope is { _owner: not null })
        {
            // Its late events carry the test, as an asynchronous invocation's do, so they are reported against it.
            scope.TestId = TestScope.CurrentId;
            Volatile.Write(ref scope._held, true);
        }

        return scope;
    }

    internal void Leave()
    {
        if (_owner is { } owner)
        {
            if (ReferenceEquals(owner.Current, this))
            {
                // Storing the constant null (a top-level invocation) needs no write barrier.
                if (Outer is { } outer)
                {
                    owner.Current = outer;
                }
                else
                {
                    owner.Current = null;
                }
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
        if (_owner is not null)
        {
            Release(_owner);
        }
    }

    /// <summary>
    /// The ring this invocation's records go to from the calling thread: an on-thread invocation's records are written
    /// on its own thread (the same invariant as <see cref="NextSequence"/>'s plain increments), so its thread's ring is
    /// taken from the invocation without reading thread-local storage; any other invocation's, and one holding a
    /// pending call (whose events come from whichever thread completes it), from the calling thread's.
    /// </summary>
    internal ThreadCallBuffer Buffer
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _owner is { } owner && !_held ? owner.Buffer : ThreadCallBuffer.Current;
    }

    // Called by the interceptor frame that entered the invocation, so on its own thread (as Leave is): no thread check.
    private void Release(ThreadScopes owner)
    {
        if (ReferenceEquals(owner.Current, this) || _held)
        {
            return;
        }

        Outer = null;
        int free = owner.Free;
        if (free < PoolSize)
        {
            // Usually the slot it was taken from: storing it again would cost a write barrier for nothing.
            if (!ReferenceEquals(owner.Pool[free], this))
            {
                owner.Pool[free] = this;
            }

            owner.Free = free + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int NextSequence() => _owner is not null && !_held ? ++_sequence : Interlocked.Increment(ref _sequence);

    /// <summary>One thread's on-thread invocations: the innermost, the free instances, and a block of IDs taken from the run's counter in one interlocked step.</summary>
    private sealed class ThreadScopes(ThreadCallBuffer buffer)
    {
        /// <summary>The thread's ring: its on-thread invocations' records are written there (see <see cref="ScopeInstance.Buffer"/>).</summary>
        public readonly ThreadCallBuffer Buffer = buffer;

        public ScopeInstance? Current;

        /// <summary>The free instances are those below <see cref="Free"/>; a slot at or above it may still name an instance in use, and is never read.</summary>
        public readonly ScopeInstance?[] Pool = new ScopeInstance?[PoolSize];
        public int Free;
        private int _nextId;
        private int _idsLeft;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int NextId()
        {
            if (_idsLeft == 0)
            {
                _nextId = Interlocked.Add(ref s_lastId, IdBlock) - IdBlock + 1;
                _idsLeft = IdBlock;
            }

            _idsLeft--;
            return _nextId++;
        }
    }
}

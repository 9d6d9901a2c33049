using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace Vypr.Runtime;

/// <summary>
/// A single-producer ring of <see cref="CallRecord"/>s owned by one thread. The owner writes without locks or
/// allocation and publishes each record with a release store; the monitor drains it from any thread.
/// </summary>
internal sealed class ThreadCallBuffer
{
    /// <summary>Records per thread before the writer has to wait for a drain. A power of two.</summary>
    internal const int Capacity = 4096;
    private const int Mask = Capacity - 1;

    [ThreadStatic]
    private static ThreadCallBuffer? t_current;

    private readonly CallRecord[] _records = new CallRecord[Capacity];

    // Texts captured for formula values, in the slot of their record: the records themselves hold no references.
    private readonly object?[] _references = new object?[Capacity];
    private readonly Thread _owner;

    // The ring's two counters, on a cache line of their own (see Cursors).
    private Cursors _cursors;

#if NET
    // The test of the execution context this thread last recorded in (see CurrentTestId); written by the owner only.
    private ExecutionContext? _testContext;
    private int _testContextId;
#endif

    private ThreadCallBuffer(Thread owner)
    {
        _owner = owner;
        ThreadId = owner.ManagedThreadId;
    }

    /// <summary>The managed thread that owns the buffer.</summary>
    public int ThreadId { get; }

    /// <summary>Records this buffer's owner has published since the buffer was created (for tests that count what a probe writes).</summary>
    internal long Written => Volatile.Read(ref _cursors.Written);

    /// <summary>True when the owner has ended and every record was drained: the buffer can be forgotten.</summary>
    public bool IsRetired => !_owner.IsAlive && Volatile.Read(ref _cursors.Written) == _cursors.Read;

    /// <summary>The calling thread's buffer, created and registered with the monitor on first use.</summary>
    public static ThreadCallBuffer Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_current ?? CreateForCurrentThread();
    }

    /// <summary>
    /// The test running in the calling thread's execution context (<see cref="TestScope.CurrentId"/>), for the owner
    /// thread only: one reference compare while the context is the one this thread last recorded in.
    /// Called only on the owner thread (the probe's thread writes its own ring).
    /// </summary>
    /// <remarks>
    /// An execution context never changes once made (setting an async-local makes a new one), so the same context
    /// object always holds the same test: the async-local's lookup in the context's map (a search among every
    /// async-local a test framework keeps) is done once per context a thread records in, not once per record. The
    /// cache keeps the last such context alive until the thread records in another. .NET Framework copies the
    /// context on every capture, so the netstandard2.0 build reads the async-local each time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CurrentTestId()
    {
#if NET
        if (s_readsOwnerContext)
        {
            // The owner's context, read through the buffer's reference to its thread: no thread-local storage. No
            // context at all (null) is the initial cache entry: no async-local is set, so no test.
            ExecutionContext? context = ExecutionContextOf(_owner);
            return ReferenceEquals(context, _testContext) ? _testContextId : ReadTestId(context);
        }

        ExecutionContext? captured = ExecutionContext.Capture();
        return captured is not null && ReferenceEquals(captured, _testContext) ? _testContextId : ReadTestId(captured);
#else
        return TestScope.CurrentId;
#endif
    }

#if NET
    // Whether this runtime's Thread keeps its execution context in the field ExecutionContextOf reads (CoreCLR does);
    // checked once, against the public capture, so a runtime without it falls back to ExecutionContext.Capture.
    private static readonly bool s_readsOwnerContext = CanReadOwnerContext();

    /// <summary>Whether <see cref="CurrentTestId"/> reads the owner's context through its thread (for tests of this runtime).</summary>
    internal static bool ReadsOwnerContext => s_readsOwnerContext;

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_executionContext")]
    private static extern ref ExecutionContext? ExecutionContextOf(Thread thread);

    private static bool CanReadOwnerContext()
    {
        try
        {
            ExecutionContext? read = ExecutionContextOf(Thread.CurrentThread);
            ExecutionContext? captured = ExecutionContext.Capture();

            // The capture is the thread's context, the default one when it has none, null while its flow is suppressed.
            return read is null || captured is null || ReferenceEquals(read, captured);
        }
        catch (MissingFieldException)
        {
            return false;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ReadTestId(ExecutionContext? context)
    {
        int testId = TestScope.CurrentId;

        // A context whose flow is suppressed captures as null (when read through the public capture): read the
        // async-local each time there.
        if (context is not null || s_readsOwnerContext)
        {
            _testContext = context;
            _testContextId = testId;
        }

        return testId;
    }
#endif

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(int callSiteId, long startTimestamp, long endTimestamp, bool threw, int testId)
    {
        ref CallRecord record = ref Next(out _);
        record.SetHeader(callSiteId, RecordKind.Call, threw);
        record.TestId = testId;
        record.StartTimestamp = startTimestamp;
        record.EndTimestamp = endTimestamp;
        Publish();
    }

    /// <summary>Writes a formula record (<see cref="RecordKind.Enter"/>, <see cref="RecordKind.Event"/> or <see cref="RecordKind.Exit"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteEvent(RecordKind kind, int pointId, int scope, int sequence, long startTimestamp, long endTimestamp, bool threw, int testId)
    {
        ref CallRecord record = ref Next(out _);
        record.SetHeader(pointId, kind, threw);
        record.Scope = scope;
        record.Sequence = sequence;
        record.StartTimestamp = startTimestamp;
        record.EndTimestamp = endTimestamp;
        record.TestId = testId;
        Publish();
    }

    /// <summary>Writes a captured value for the next event this thread records.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteValue(RecordKind kind, double number, object? reference)
    {
        ref CallRecord record = ref Next(out int slot);
        record.SetHeader(0, kind, false);
        record.Number = number;
        if (reference is not null)
        {
            _references[slot] = reference;
        }

        Publish();
    }

    /// <summary>The text a <see cref="RecordKind.TextValue"/> record in <paramref name="slot"/> carries; the slot is cleared so the ring keeps nothing alive.</summary>
    public object? TakeReference(int slot)
    {
        object? reference = _references[slot];
        _references[slot] = null;
        return reference;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref CallRecord Next(out int slot)
    {
        long written = _cursors.Written;
        if (written - Volatile.Read(ref _cursors.Read) >= Capacity)
        {
            RuntimeMonitor.DrainBecauseBufferIsFull(this);
        }

        // The index is masked into range, so the bounds check the JIT cannot remove here is skipped by hand.
        slot = (int)(written & Mask);
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_records), slot);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Publish() => Volatile.Write(ref _cursors.Written, _cursors.Written + 1);

    /// <summary>Values drained ahead of the event they belong to (the ring filled between them); drainer-side state.</summary>
    internal System.Collections.Generic.List<Monitoring.CapturedValue> PendingValues { get; } = [];

    /// <summary>Hands every published record to <paramref name="sink"/> and frees their slots. Call under the drain lock only.</summary>
    public int DrainTo<TSink>(ref TSink sink)
        where TSink : struct, ICallRecordSink
    {
        long end = Volatile.Read(ref _cursors.Written);
        long start = _cursors.Read;
        ref CallRecord first = ref MemoryMarshal.GetArrayDataReference(_records);
        for (long i = start; i < end; i++)
        {
            int slot = (int)(i & Mask);
            sink.Take(in Unsafe.Add(ref first, slot), this, slot);
        }

        Volatile.Write(ref _cursors.Read, end);
        return (int)(end - start);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ThreadCallBuffer CreateForCurrentThread()
    {
        var buffer = new ThreadCallBuffer(Thread.CurrentThread);
        RuntimeMonitor.Register(buffer);
        t_current = buffer;
        return buffer;
    }

    /// <summary>
    /// The counters a writer touches on every record. Two threads' buffers are small objects that a compacting GC may
    /// place side by side; if their counters shared a cache line, every record one thread wrote would evict the
    /// other's line (false sharing). 64 bytes before and more than 64 after keep the line to these two counters.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct Cursors
    {
        /// <summary>Records published; written only by the owner thread, read by the drainer.</summary>
        [FieldOffset(64)]
        public long Written;

        /// <summary>Records drained; written only by the drainer (under the monitor's drain lock), read by the owner to detect a full ring.</summary>
        [FieldOffset(72)]
        public long Read;
    }
}

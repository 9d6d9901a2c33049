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
    private readonly Thread _owner;

    // Written only by the owner thread; read by the drainer.
    private long _written;

    // Written only by the drainer (under the monitor's drain lock); read by the owner to detect a full ring.
    private long _read;

    private ThreadCallBuffer(Thread owner)
    {
        _owner = owner;
        ThreadId = owner.ManagedThreadId;
    }

    /// <summary>The managed thread that owns the buffer.</summary>
    public int ThreadId { get; }

    /// <summary>True when the owner has ended and every record was drained: the buffer can be forgotten.</summary>
    public bool IsRetired => !_owner.IsAlive && Volatile.Read(ref _written) == _read;

    /// <summary>The calling thread's buffer, created and registered with the monitor on first use.</summary>
    public static ThreadCallBuffer Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_current ?? CreateForCurrentThread();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(int callSiteId, long startTimestamp, long endTimestamp, bool threw, int testId)
    {
        ref CallRecord record = ref Next();
        record.CallSiteId = callSiteId;
        record.TestId = testId;
        record.StartTimestamp = startTimestamp;
        record.EndTimestamp = endTimestamp;
        record.Threw = threw;
        record.Kind = RecordKind.Call;
        Publish();
    }

    /// <summary>Writes a formula record (<see cref="RecordKind.Enter"/>, <see cref="RecordKind.Event"/> or <see cref="RecordKind.Exit"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteEvent(RecordKind kind, int pointId, long scope, int sequence, long startTimestamp, long endTimestamp, bool threw, int testId)
    {
        ref CallRecord record = ref Next();
        record.Kind = kind;
        record.CallSiteId = pointId;
        record.Scope = scope;
        record.Sequence = sequence;
        record.StartTimestamp = startTimestamp;
        record.EndTimestamp = endTimestamp;
        record.Threw = threw;
        record.TestId = testId;
        Publish();
    }

    /// <summary>Writes a captured value for the next event this thread records.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteValue(RecordKind kind, double number, object? reference)
    {
        ref CallRecord record = ref Next();
        record.Kind = kind;
        record.Number = number;
        record.Reference = reference;
        Publish();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref CallRecord Next()
    {
        long written = _written;
        if (written - Volatile.Read(ref _read) >= Capacity)
        {
            RuntimeMonitor.DrainBecauseBufferIsFull(this);
        }

        // The index is masked into range, so the bounds check the JIT cannot remove here is skipped by hand.
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_records), (int)(written & Mask));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Publish() => Volatile.Write(ref _written, _written + 1);

    /// <summary>Values drained ahead of the event they belong to (the ring filled between them); drainer-side state.</summary>
    internal System.Collections.Generic.List<Monitoring.CapturedValue> PendingValues { get; } = [];

    /// <summary>Hands every published record to <paramref name="sink"/> and frees their slots. Call under the drain lock only.</summary>
    public int DrainTo<TSink>(ref TSink sink)
        where TSink : struct, ICallRecordSink
    {
        long end = Volatile.Read(ref _written);
        long start = _read;
        ref CallRecord first = ref MemoryMarshal.GetArrayDataReference(_records);
        for (long i = start; i < end; i++)
        {
            sink.Take(in Unsafe.Add(ref first, (int)(i & Mask)), this);
        }

        Volatile.Write(ref _read, end);
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
}

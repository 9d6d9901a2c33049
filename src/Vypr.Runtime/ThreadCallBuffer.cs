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
        long written = _written;
        if (written - Volatile.Read(ref _read) >= Capacity)
        {
            RuntimeMonitor.DrainBecauseBufferIsFull(this);
        }

        // The index is masked into range, so the bounds check the JIT cannot remove here is skipped by hand.
        ref CallRecord record = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_records), (int)(written & Mask));
        record.CallSiteId = callSiteId;
        record.TestId = testId;
        record.StartTimestamp = startTimestamp;
        record.EndTimestamp = endTimestamp;
        record.Threw = threw;
        Volatile.Write(ref _written, written + 1);
    }

    /// <summary>Hands every published record to <paramref name="sink"/> and frees their slots. Call under the drain lock only.</summary>
    public int DrainTo<TSink>(ref TSink sink)
        where TSink : struct, ICallRecordSink
    {
        long end = Volatile.Read(ref _written);
        long start = _read;
        ref CallRecord first = ref MemoryMarshal.GetArrayDataReference(_records);
        for (long i = start; i < end; i++)
        {
            sink.Take(in Unsafe.Add(ref first, (int)(i & Mask)), ThreadId);
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

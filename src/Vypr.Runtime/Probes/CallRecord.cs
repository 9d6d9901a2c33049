namespace Vypr.Runtime;

/// <summary>
/// What a probe writes for one event: 32 bytes and no references, so writing it is a few stores into half a cache
/// line and no GC write barrier. A captured text travels beside it, in the ring's reference slots.
/// </summary>
internal struct CallRecord
{
    /// <summary>The largest call site or point ID a record can hold (the rest of its word holds the kind and the outcome).</summary>
    public const int MaxId = (1 << 24) - 1;

    private const int KindShift = 24;
    private const int ThrewBit = 1 << 28;

    // Low 24 bits: the call site or point; bits 24-27: the kind; bit 28: whether the call threw.
    private int _header;

    /// <summary>The test running when the record was written (0 when none); formula events carry their asynchronous invocation's test, or 0: their invocation knows its test.</summary>
    public int TestId;

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> before the call (or at the change); for
    /// <see cref="RecordKind.NumberValue"/>, the captured number's bits (a value has no time).
    /// </summary>
    public long StartTimestamp;

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> after the call (or its task) completed.</summary>
    public long EndTimestamp;

    /// <summary>For formula records: the invocation of the scoped method (see <see cref="ScopeInstance"/>); 0 otherwise.</summary>
    public int Scope;

    /// <summary>For formula records: the record's position in its invocation, from 1.</summary>
    public int Sequence;

    /// <summary>For <see cref="RecordKind.Call"/>: the registered call site; for formula events: the registered point.</summary>
    public int CallSiteId
    {
        readonly get => _header & MaxId;
        set => _header = (_header & ~MaxId) | value;
    }

    /// <summary>What the record is.</summary>
    public RecordKind Kind
    {
        readonly get => (RecordKind)((_header >> KindShift) & 0xF);
        set => _header = (_header & ~(0xF << KindShift)) | ((int)value << KindShift);
    }

    /// <summary>True when the call ended by an exception or a faulted or cancelled task.</summary>
    public bool Threw
    {
        readonly get => (_header & ThrewBit) != 0;
        set => _header = value ? _header | ThrewBit : _header & ~ThrewBit;
    }

    /// <summary>For <see cref="RecordKind.NumberValue"/>: the captured number, kept in <see cref="StartTimestamp"/>.</summary>
    public double Number
    {
        readonly get => System.BitConverter.Int64BitsToDouble(StartTimestamp);
        set => StartTimestamp = System.BitConverter.DoubleToInt64Bits(value);
    }

    /// <summary>Sets the ID, the kind and the outcome in one store, as the probe does.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void SetHeader(int id, RecordKind kind, bool threw) =>
        _header = id | ((int)kind << KindShift) | (threw ? ThrewBit : 0);
}

namespace Vypr.Runtime;

/// <summary>
/// What a probe writes for one event: fixed size, so writing it is a few stores. Only a captured text value adds
/// a reference (and so a GC write barrier); timing a call never does.
/// </summary>
internal struct CallRecord
{
    /// <summary>For <see cref="RecordKind.Call"/>: the registered call site; for formula events: the registered point.</summary>
    public int CallSiteId;

    /// <summary>The test running when the record was written; 0 when none.</summary>
    public int TestId;

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> before the call (or at the change).</summary>
    public long StartTimestamp;

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> after the call (or its task) completed.</summary>
    public long EndTimestamp;

    /// <summary>For formula records: the invocation of the scoped method (see <see cref="ScopeInstance"/>); 0 otherwise.</summary>
    public long Scope;

    /// <summary>For formula records: the record's position in its invocation, from 1.</summary>
    public int Sequence;

    /// <summary>What the record is.</summary>
    public RecordKind Kind;

    /// <summary>True when the call ended by an exception or a faulted or cancelled task.</summary>
    public bool Threw;

    /// <summary>For <see cref="RecordKind.NumberValue"/>: the captured number.</summary>
    public double Number;

    /// <summary>For <see cref="RecordKind.TextValue"/>: the captured text (or null).</summary>
    public object? Reference;
}

namespace Vypr.Runtime;

/// <summary>
/// What a probe writes for one call: fixed size, no references, so writing it is a few stores and no GC barrier.
/// </summary>
internal struct CallRecord
{
    /// <summary>The registered call site (which also names the specification).</summary>
    public int CallSiteId;

    /// <summary>The test running when the call ended; 0 when none.</summary>
    public int TestId;

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> before the call.</summary>
    public long StartTimestamp;

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> after the call (or its task) completed.</summary>
    public long EndTimestamp;

    /// <summary>True when the call ended by an exception or a faulted or cancelled task.</summary>
    public bool Threw;
}

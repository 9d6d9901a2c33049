namespace Vypr.Runtime;

/// <summary>
/// Receives drained records. A struct implementation lets the JIT specialise and inline the drain loop, which
/// matters because a thread whose ring is full evaluates its own records.
/// </summary>
internal interface ICallRecordSink
{
    /// <param name="record">The record.</param>
    /// <param name="buffer">The ring it was drained from (it holds the texts of value records).</param>
    /// <param name="slot">The record's slot in the ring.</param>
    void Take(in CallRecord record, ThreadCallBuffer buffer, int slot);
}

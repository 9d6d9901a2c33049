namespace Vypr.Runtime;

/// <summary>
/// Receives drained records. A struct implementation lets the JIT specialise and inline the drain loop, which
/// matters because a thread whose ring is full evaluates its own records.
/// </summary>
internal interface ICallRecordSink
{
    void Take(in CallRecord record, ThreadCallBuffer buffer);
}

namespace Vypr.Runtime;

/// <summary>Receives one drained record and the thread that wrote it.</summary>
internal delegate void CallRecordSink(in CallRecord record, int threadId);

namespace Vypr.Runtime.Monitoring;

/// <summary>An event as the monitor of one specification consumes it (its captured values travel beside it).</summary>
/// <param name="Scope">The invocation.</param>
/// <param name="Sequence">Its position in the invocation.</param>
/// <param name="Start">Start timestamp.</param>
/// <param name="End">End timestamp.</param>
/// <param name="Threw">Whether the call ended by an exception.</param>
/// <param name="TestId">The test running when it was recorded.</param>
/// <param name="ThreadId">The thread that recorded it.</param>
internal readonly record struct BoundEvent(long Scope, int Sequence, long Start, long End, bool Threw, int TestId, int ThreadId);

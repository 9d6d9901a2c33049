namespace Vypr.Runtime.Monitoring;

/// <summary>An invocation of a scoped method whose records are still arriving when the run (or a test) ends.</summary>
/// <param name="Invocation">The invocation's number (<see cref="ScopeInstance.Id"/>).</param>
/// <param name="TestId">The test that began it, 0 when its enter record never arrived.</param>
/// <param name="Point">A point it recorded at (its scoped call's, when known), 0 when none.</param>
/// <param name="NextSequence">The position of the record it waits for.</param>
/// <param name="Waiting">Records that arrived after a gap and wait for that record; 0 when the invocation simply never ended.</param>
internal readonly record struct OpenInvocation(long Invocation, int TestId, int Point, int NextSequence, int Waiting);

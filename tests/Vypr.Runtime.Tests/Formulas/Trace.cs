using System.Collections.Generic;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>A recorded trace: a specification, the points that generated code would register for it, and the events of its invocations.</summary>
/// <param name="Specification">The specification checked.</param>
/// <param name="Points">The points, by id.</param>
/// <param name="Events">The events of every invocation; within one invocation in <see cref="TraceEvent.Seq"/> order, invocations possibly interleaved.</param>
public sealed record Trace(Specification Specification, IReadOnlyList<TracePoint> Points, IReadOnlyList<TraceEvent> Events);

using System.Collections.Generic;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>One event of a recorded trace.</summary>
/// <param name="Invocation">The invocation (one call of the scoped method) the event belongs to; never 0.</param>
/// <param name="Seq">The event's position in its invocation, from 1, in recording order; the invocation's last event is its <c>ScopeCall</c> event.</param>
/// <param name="Point">The <see cref="TracePoint.Id"/> where it happened.</param>
/// <param name="Start">When it started, in <see cref="System.Diagnostics.Stopwatch"/> ticks (a change has <c>Start == End</c>).</param>
/// <param name="End">When it ended, in ticks.</param>
/// <param name="Threw">True when the call ended by an exception (its result is then missing).</param>
/// <param name="Values">One value per capture of the point, in the point's order: a <see cref="double"/>, a <see cref="string"/> or null.</param>
public sealed record TraceEvent(long Invocation, int Seq, int Point, long Start, long End, bool Threw, IReadOnlyList<object?> Values);

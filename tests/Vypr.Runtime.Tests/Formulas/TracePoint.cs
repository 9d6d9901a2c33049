using System.Collections.Generic;
using Vypr.Runtime.Monitoring;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>A point of a recorded trace: where events happen and which values its probe captures.</summary>
/// <param name="Id">The point's number within the trace (1-based).</param>
/// <param name="Kind">What the point records.</param>
/// <param name="Method">For <see cref="PointKind.Call"/>: the called method's simple name.</param>
/// <param name="DeclaringType">For <see cref="PointKind.Call"/>: the called method's declaring type, as <c>Type.FullName</c> writes it.</param>
/// <param name="Variable">For <see cref="PointKind.Change"/>: the changed variable.</param>
/// <param name="Captures">The capture names (<c>arg:n</c>, <c>result</c>, <c>value</c>, with optional <c>#length</c>) whose values every event at this point carries, in this order.</param>
public sealed record TracePoint(int Id, PointKind Kind, string? Method, string? DeclaringType, string? Variable, IReadOnlyList<string> Captures);

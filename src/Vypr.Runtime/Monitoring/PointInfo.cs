using System.Collections.Generic;

namespace Vypr.Runtime.Monitoring;

/// <summary>A place where generated code records events for one fluent specification.</summary>
/// <param name="Id">The point's number within the run; probes pass it.</param>
/// <param name="SpecificationId">The specification whose events are recorded here.</param>
/// <param name="CallSiteId">The call site in source (a point of kind <see cref="PointKind.Change"/> shares its call's site).</param>
/// <param name="Kind">What the point records.</param>
/// <param name="Method">For calls: the called method's simple name.</param>
/// <param name="DeclaringType">For calls: the types the call counts as (its method's declaring type, and types it reaches that quantifiers name), as <c>Type.FullName</c> writes them, separated by '|'.</param>
/// <param name="Variable">For changes: the changed variable.</param>
/// <param name="Captures">The capture names whose values precede every event at this point, in order.</param>
internal sealed record PointInfo(int Id, int SpecificationId, int CallSiteId, PointKind Kind, string? Method, string? DeclaringType, string? Variable, IReadOnlyList<string> Captures);

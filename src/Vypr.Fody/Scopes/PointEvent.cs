using System.Collections.Generic;
using Mono.Cecil;

namespace Vypr.Fody.Scopes;

/// <summary>One event woven code records: the registered point it is recorded at, and the values captured before it.</summary>
internal sealed class PointEvent
{
    public PointEvent(FieldReference point, IReadOnlyList<Capture> captures)
    {
        Point = point;
        Captures = captures;
    }

    /// <summary>The registrations field holding the point's ID.</summary>
    public FieldReference Point { get; }

    public IReadOnlyList<Capture> Captures { get; }
}

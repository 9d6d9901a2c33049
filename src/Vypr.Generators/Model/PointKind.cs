namespace Vypr.Generators.Model;

/// <summary>What a point records; the names of <c>Vypr.Runtime.Monitoring.PointKind</c>, which generated code writes.</summary>
internal enum PointKind
{
    /// <summary>A call of the scoped method: the invocation's own event.</summary>
    ScopeCall,

    /// <summary>A call in the scoped method's body.</summary>
    Call,

    /// <summary>A change of a variable (a parameter at entry, or a variable assigned a call's result).</summary>
    Change,
}

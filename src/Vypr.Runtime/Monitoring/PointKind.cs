using System.ComponentModel;

namespace Vypr.Runtime.Monitoring;

/// <summary>What kind of event a registered point records. Named by generated code; not meant to be used by hand.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum PointKind : byte
{
    /// <summary>A call site of the scoped method: the invocation itself (recorded when it ends).</summary>
    ScopeCall,

    /// <summary>A call made in the scoped method's body.</summary>
    Call,

    /// <summary>A change of a variable: a parameter at entry, or a local or field assigned a call's result.</summary>
    Change,
}

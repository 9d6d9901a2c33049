namespace Vypr.Runtime.Monitoring;

/// <summary>What an <see cref="InvocationTable{T}"/> keeps of each invocation it holds: its scope and where it is held.</summary>
internal abstract class InvocationEntry
{
    /// <summary>The invocation (a record's <see cref="CallRecord.Scope"/>), or <see cref="InvocationTable{T}.Free"/> for the table's spare.</summary>
    public long Scope { get; set; }

    /// <summary>Whether the table's dictionary holds it (it stopped being the newest before it ended).</summary>
    public bool InTable { get; set; }
}

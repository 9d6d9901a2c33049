namespace Vypr.Runtime.Monitoring;

/// <summary>The event bound to one slot of a binding (one struct, so copying a template is one array copy).</summary>
internal struct SlotState
{
    /// <summary>For explicit slots: the local point the binding takes this slot's event from; -1 for <c>NextCall</c> slots.</summary>
    public int ChosenPoint;

    public bool Filled;

    public bool Threw;

    public int Sequence;

    public int CallSite;

    public long Start;

    public long End;
}

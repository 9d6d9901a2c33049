using System.Collections.Generic;

namespace Vypr.Runtime.Monitoring;

/// <summary>One slot of a compiled specification.</summary>
/// <param name="Slot">The slot in the formula model.</param>
/// <param name="Dependent">True when the slot's events depend on slot 0's event (slot 0 itself, or an <c>After</c> chain reaching it); other slots are bound the same way for every binding of an invocation.</param>
/// <param name="Captures">The capture names terms read from this slot.</param>
/// <param name="ValueOffset">Where this slot's captured values start in a binding's value array.</param>
internal sealed record SlotPlan(Vypr.BindingSlot Slot, bool Dependent, string[] Captures, int ValueOffset)
{
    /// <summary>The local indices of the points this slot can bind.</summary>
    public List<int> Points { get; } = [];
}

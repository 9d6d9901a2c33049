using System;

namespace Vypr.Runtime.Monitoring;

/// <summary>
/// One binding of a specification in one invocation: the event bound to each slot, with the values the formula
/// reads from it. Also used as a template (slot 0 empty) holding the slots that are bound the same way for every
/// binding of the invocation. Pooled: a steady stream of bindings allocates nothing.
/// </summary>
internal sealed class OpenBinding
{
    public OpenBinding(FormulaPlan plan)
    {
        Slots = new SlotState[plan.Slots.Length];
        Values = new CapturedValue[plan.ValueCount];
    }

    /// <summary>Bumped on release, so stale entries in waiting lists are recognised.</summary>
    public int Generation { get; private set; }

    /// <summary>True for an invocation's template (never evaluated).</summary>
    public bool IsTemplate { get; set; }

    public SlotState[] Slots { get; }

    public CapturedValue[] Values { get; }

    public int Unfilled { get; set; }

    /// <summary>How many slots are filled.</summary>
    public int FilledCount => Slots.Length - Unfilled;

    public void Reset()
    {
        SlotState[] slots = Slots;
        for (int i = 0; i < slots.Length; i++)
        {
            slots[i] = new SlotState { ChosenPoint = -1 };
        }

        Unfilled = slots.Length;
        IsTemplate = false;
    }

    public void Release() => Generation++;

    public void CopyFrom(OpenBinding template)
    {
        // A template with nothing bound yet has no values worth copying.
        Array.Copy(template.Slots, Slots, Slots.Length);
        if (template.FilledCount > 0)
        {
            Array.Copy(template.Values, Values, Values.Length);
        }

        Unfilled = template.Unfilled;
        IsTemplate = false;
    }

    /// <summary>Binds an event to slot <paramref name="slot"/>, copying the values the formula reads from it.</summary>
    public void Fill(FormulaPlan plan, int slot, int localPoint, in BoundEvent e, ReadOnlySpan<CapturedValue> values)
    {
        ref SlotState state = ref Slots[slot];
        state.Filled = true;
        state.Sequence = e.Sequence;
        state.Start = e.Start;
        state.End = e.End;
        state.Threw = e.Threw;
        LocalPoint point = plan.Points[localPoint];
        state.CallSite = point.Info.CallSiteId;
        int[] map = point.CaptureMaps[slot];
        if (map.Length > 0)
        {
            int offset = plan.Slots[slot].ValueOffset;
            for (int c = 0; c < map.Length; c++)
            {
                Values[offset + c] = map[c] >= 0 && map[c] < values.Length ? values[map[c]] : CapturedValue.Missing;
            }
        }

        Unfilled--;
    }
}

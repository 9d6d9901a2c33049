using System;

namespace Vypr.Runtime.Monitoring;

/// <summary>
/// One binding of a specification in one invocation: the event bound to each slot, with the values the formula
/// reads from it. Also used as a template (slot 0 empty) holding the slots that are bound the same way for every
/// binding of the invocation. Pooled: a steady stream of bindings allocates nothing.
/// </summary>
internal sealed class FormulaBinding
{
    public FormulaBinding(FormulaPlan plan)
    {
        int slots = plan.Slots.Length;
        ChosenPoint = new int[slots];
        Filled = new bool[slots];
        Sequence = new int[slots];
        Start = new long[slots];
        End = new long[slots];
        Threw = new bool[slots];
        CallSite = new int[slots];
        Values = new CapturedValue[plan.ValueCount];
    }

    /// <summary>Bumped on release, so stale entries in waiting lists are recognised.</summary>
    public int Generation { get; private set; }

    /// <summary>True for an invocation's template (never evaluated).</summary>
    public bool IsTemplate { get; set; }

    /// <summary>For explicit slots: the local point this binding takes its event from; -1 for <c>NextCall</c> slots.</summary>
    public int[] ChosenPoint { get; }

    public bool[] Filled { get; }

    public int[] Sequence { get; }

    public long[] Start { get; }

    public long[] End { get; }

    public bool[] Threw { get; }

    public int[] CallSite { get; }

    public CapturedValue[] Values { get; }

    public int Unfilled { get; set; }

    public void Reset(int slots)
    {
        Array.Fill(Filled, false);
        Array.Fill(ChosenPoint, -1);
        Unfilled = slots;
        IsTemplate = false;
    }

    public void Release() => Generation++;

    public void CopyFrom(FormulaBinding template)
    {
        Array.Copy(template.ChosenPoint, ChosenPoint, ChosenPoint.Length);
        Array.Copy(template.Filled, Filled, Filled.Length);
        Array.Copy(template.Sequence, Sequence, Sequence.Length);
        Array.Copy(template.Start, Start, Start.Length);
        Array.Copy(template.End, End, End.Length);
        Array.Copy(template.Threw, Threw, Threw.Length);
        Array.Copy(template.CallSite, CallSite, CallSite.Length);
        Array.Copy(template.Values, Values, Values.Length);
        Unfilled = template.Unfilled;
        IsTemplate = false;
    }

    /// <summary>Binds an event to slot <paramref name="slot"/>, copying the values the formula reads from it.</summary>
    public void Fill(FormulaPlan plan, int slot, int localPoint, in FormulaEvent e, ReadOnlySpan<CapturedValue> values)
    {
        Filled[slot] = true;
        Sequence[slot] = e.Sequence;
        Start[slot] = e.Start;
        End[slot] = e.End;
        Threw[slot] = e.Threw;
        CallSite[slot] = plan.Points[localPoint].Info.CallSiteId;
        SlotPlan slotPlan = plan.Slots[slot];
        int[] map = plan.Points[localPoint].CaptureMaps[slot];
        for (int c = 0; c < map.Length; c++)
        {
            Values[slotPlan.ValueOffset + c] = map[c] >= 0 && map[c] < values.Length ? values[map[c]] : CapturedValue.Missing;
        }

        Unfilled--;
    }
}

using System.Runtime.CompilerServices;
using Vypr.Contracts;
using Vypr.Formulas;
using Vypr.Runtime.Monitoring;

namespace Vypr.Runtime;

/// <summary>
/// Turns a decided binding of a fluent specification into the run's statistics and, under the same retention as
/// calls, a kept verdict with its observations. The formula monitors call it while they evaluate drained records,
/// so it runs only under <see cref="RuntimeMonitor"/>'s drain lock.
/// </summary>
internal sealed class FormulaVerdictTranslator : IFormulaVerdictSink
{
    // An atom's term and condition are the same texts for every verdict it takes part in: written once per atom, not
    // once per kept verdict. By reference (an atom plan is one object per compiled specification), not by the record's
    // value equality, which would hash the atom's whole formula at every look-up.
    private static readonly ConditionalWeakTable<AtomPlan, AtomTexts> s_atomTexts = new();

    public void Take(in FormulaVerdict verdict) => Keep(verdict);

    public bool CountSatisfied(ScopeInvocation invocation, int pointCallSiteId, long durationNanoseconds, bool threw)
    {
        // The same site, test and statistics as Keep, for a satisfied verdict Keep would not keep.
        int site = invocation.CallSiteId != 0 ? invocation.CallSiteId : pointCallSiteId;
        CallSiteAccumulator accumulator = VerdictStore.Accumulator(invocation.TestId, site);
        if (accumulator.KeptSatisfied < VerdictRetention.SatisfiedPerSite)
        {
            return false;
        }

        accumulator.Add(durationNanoseconds, satisfied: true, threw);
        return true;
    }

    private static void Keep(in FormulaVerdict decided)
    {
        OpenBinding binding = decided.Binding;
        FormulaPlan plan = decided.Plan;
        int site = decided.Invocation.CallSiteId != 0 ? decided.Invocation.CallSiteId : binding.Slots[0].CallSite;
        int testId = decided.Invocation.TestId;
        int firstCall = plan.FirstCallSlot;
        long duration = firstCall < 0 ? 0 : RunClock.Nanoseconds(binding.Slots[firstCall].Start, binding.Slots[firstCall].End);
        bool threw = binding.Slots[0].Threw;

        CallSiteAccumulator accumulator = VerdictStore.Accumulator(testId, site);

        accumulator.Add(duration, decided.Value, threw);
        if (decided.Value && accumulator.KeptSatisfied >= VerdictRetention.SatisfiedPerSite)
        {
            return;
        }

        if (decided.Value)
        {
            accumulator.KeptSatisfied++;
        }

        // The deciding observation comes first, as for every verdict; the others follow in the order they were applied.
        var observations = new ObservationInfo[decided.ObservedAtoms.Length];
        observations[0] = Observation(plan, plan.Atoms[decided.DecidingAtom], binding);
        for (int i = 0, at = 1; i < decided.ObservedAtoms.Length - 1; i++)
        {
            observations[at++] = Observation(plan, plan.Atoms[decided.ObservedAtoms[i]], binding);
        }

        var verdict = new VerdictInfo(
            VerdictStore.Count + 1,
            plan.SpecificationId,
            site,
            testId,
            decided.ThreadId,
            RunClock.ToWallClock(decided.Invocation.StartTimestamp),
            duration,
            decided.Value,
            decided.Severity,
            threw,
            observations);
        VerdictStore.Add(verdict);
    }

    private static ObservationInfo Observation(FormulaPlan plan, AtomPlan atom, OpenBinding binding)
    {
        bool satisfied = TermMath.Observe(plan, atom, binding, out _);
        CapturedValue left = TermMath.Term(plan, atom.Left, binding);
        AtomTexts texts = s_atomTexts.GetValue(atom, static plan => new AtomTexts(plan.Atom));

        string condition = texts.Condition;
        bool observedText = false;
        if (atom.Right >= 0 && atom.Atom.Right is not ConstantTerm)
        {
            condition += " (= " + TermMath.Term(plan, atom.Right, binding) + ")";
            observedText = true;
        }

        if (left.Kind != ValueKind.Number)
        {
            condition += " (observed " + left + ")";
            observedText = true;
        }

        // The observation happened when the last event it reads was recorded: that event's call site explains it.
        int latest = -1;
        ulong mask = atom.SlotMask;
        for (int slot = 0; mask != 0; slot++, mask >>= 1)
        {
            if ((mask & 1) != 0 && (latest < 0 || binding.Slots[slot].Sequence > binding.Slots[latest].Sequence))
            {
                latest = slot;
            }
        }

        // A non-finite number (q.Value() / 0) is a legal observation: the results format carries it as "NaN",
        // "Infinity" or "-Infinity". A captured text reaches the results only through the condition, cleaned of
        // what the format cannot carry (NUL, unpaired surrogates).
        // Texts are shortened to the results format's limits (TextLimits), which the verdict server enforces.
        return new ObservationInfo(
            texts.Term,
            left.Kind == ValueKind.Number ? left.Number : 0,
            UnitOf(atom.Atom.Left, left),
            observedText ? TextLimits.Clip(ResultsText.Clean(condition)!, TextLimits.Short) : texts.CleanCondition,
            satisfied,
            latest < 0 ? 0 : binding.Slots[latest].CallSite);
    }

    // Durations are in nanoseconds; other values name what they are, since an observation always carries a unit.
    private static string UnitOf(Term term, CapturedValue value) => term switch
    {
        { IsDuration: true } => "ns",
        MeasuredTerm { Length: true } => "count",
        _ when value.Kind == ValueKind.Text => "text",
        _ => "number",
    };

    /// <summary>The texts of an atom that do not depend on the binding, as an observation carries them.</summary>
    private sealed class AtomTexts(Atom atom)
    {
        public string Term { get; } = TextLimits.Clip(atom.Left.ToString()!, TextLimits.Short);

        public string Condition { get; } = atom.Condition;

        public string CleanCondition { get; } = TextLimits.Clip(ResultsText.Clean(atom.Condition)!, TextLimits.Short);
    }
}

using System;
using System.Collections.Generic;
using Vypr.Formulas;

namespace Vypr.Runtime.Monitoring;

/// <summary>
/// The online monitor of one fluent specification: it binds events into bindings as they arrive (in each
/// invocation's recording order), observes each complete binding's atoms in order of availability and hands the
/// verdict, with the observation that decided it, to a sink. docs/spec-language.md states the rules; the reference
/// evaluator in the tests implements them independently and randomized traces hold the two to each other.
/// </summary>
/// <remarks>
/// Bindings wait in per-point lists, so an event only visits the bindings it can fill. Templates hold the slots that
/// do not depend on slot 0 (they bind the same events for every binding of an invocation) and are copied into each
/// new binding. Bindings, invocations and scratch space are pooled: steady state allocates nothing. Not thread-safe
/// by design: it runs only under <see cref="RuntimeMonitor"/>'s drain lock (the pools and lists rely on that).
/// </remarks>
internal sealed class FormulaMonitor
{
    /// <summary>Bindings one invocation may hold open; beyond it new bindings are dropped and counted, so memory stays bounded.</summary>
    internal const int MaxLiveBindingsPerInvocation = 100_000;

    private readonly FormulaPlan _plan;
    private readonly IFormulaVerdictSink _sink;
    // Open invocations (see InvocationTable: an invocation drained in one piece opens and closes as its current entry,
    // without touching its dictionary). A mutable struct: never make this field readonly.
    private InvocationTable<ScopeInvocation> _invocations = new();
    private readonly Stack<OpenBinding> _bindingPool = new();
    private readonly int[] _order;
    private readonly int[] _availability;
    private readonly sbyte[] _states;
    private readonly int[] _combination;
    private readonly List<int> _dependentSlots = [];
    private readonly List<int> _independentSlots = [];
    private readonly OpenBinding? _scratch;

    // "Every call takes at most (or at least) a constant": one call slot, one atom comparing its duration with a number.
    // A satisfied binding of such a specification whose verdict would not be kept is only counted (see CountSatisfied).
    private readonly bool _boundsDurationOnly;
    private readonly Comparison _durationComparison;
    private readonly double _durationBound;

    public FormulaMonitor(FormulaPlan plan, IFormulaVerdictSink sink)
    {
        _plan = plan;
        _sink = sink;
        _order = new int[plan.Atoms.Length];
        _availability = new int[plan.Atoms.Length];
        _states = new sbyte[plan.Atoms.Length];
        _combination = new int[plan.Slots.Length];
        _scratch = plan.Slots.Length == 1 ? new OpenBinding(plan) : null;
        if (_scratch is not null && plan.Nodes.Length == 1 && plan.FirstCallSlot == 0
            && plan.Atoms[0] is { Right: >= 0, Atom.Comparison: Comparison.Less or Comparison.LessOrEqual or Comparison.Greater or Comparison.GreaterOrEqual } atom
            && plan.Terms[atom.Left] is { Kind: TermKind.Measured, Slot: 0, Measurement: Measurement.Duration }
            && plan.Terms[atom.Right] is { Kind: TermKind.Constant, Constant.Kind: ValueKind.Number } bound)
        {
            _boundsDurationOnly = true;
            _durationComparison = atom.Atom.Comparison;
            _durationBound = bound.Constant.Number;
        }

        for (int s = 1; s < plan.Slots.Length; s++)
        {
            if (!plan.Slots[s].Slot.IsNextCall)
            {
                (plan.Slots[s].Dependent ? _dependentSlots : _independentSlots).Add(s);
            }
        }
    }

    /// <summary>Bindings dropped because an invocation held <see cref="MaxLiveBindingsPerInvocation"/> open.</summary>
    public long DroppedBindings { get; private set; }

    /// <summary>Invocations currently open.</summary>
    public int OpenInvocations => _invocations.Count;

    /// <summary>The index of a registered point of this specification in the plan, resolved once per point by the router.</summary>
    public int LocalPointOf(PointInfo point) => _plan.LocalPoint(point);

    /// <summary>An invocation began at a call site of the scoped method.</summary>
    public void Enter(in BoundEvent e, int callSiteId)
    {
        ScopeInvocation invocation = InvocationOf(e);
        invocation.CallSiteId = callSiteId;
        invocation.StartTimestamp = e.Start;
        invocation.TestId = e.TestId;
    }

    /// <summary>An event at the plan's point <paramref name="local"/> (<see cref="LocalPointOf"/>); its captured values in the point's capture order.</summary>
    public void Take(in BoundEvent e, int local, ReadOnlySpan<CapturedValue> values)
    {
        ScopeInvocation invocation = InvocationOf(e);

        // An invocation whose entry was not timed (no specification scoped to the method reads the scoped call's own
        // time: Probe.TimesScope) starts, for its verdicts' startedAt, at its first recorded event.
        if (invocation.StartTimestamp == Probe.Untimed)
        {
            invocation.StartTimestamp = e.Start;
        }

        // One slot: no binding ever waits (each is decided in the scratch binding as its event arrives), so there are
        // no waiting lists to visit.
        if (_scratch is not null)
        {
            if (_plan.Points[local].MatchesSlot[0] && !(_boundsDurationOnly && CountedSatisfied(invocation, local, e)))
            {
                Create(invocation, local, e, values);
            }

            return;
        }
        List<(OpenBinding Binding, int Generation)> waiting = invocation.WaitingAt(local);
        for (int i = 0; i < waiting.Count;)
        {
            (OpenBinding binding, int generation) = waiting[i];
            if (binding.Generation != generation)
            {
                RemoveAt(waiting, i);
                continue;
            }

            Fill(binding, local, e, values);
            if (!binding.IsTemplate && binding.Unfilled == 0)
            {
                Decide(invocation, binding, e.ThreadId);
                Release(invocation, binding);
                RemoveAt(waiting, i);
            }
            else if (!WaitsAt(binding, local))
            {
                RemoveAt(waiting, i);
            }
            else
            {
                i++;
            }
        }

        if (_plan.Points[local].MatchesSlot[0])
        {
            Create(invocation, local, e, values);
        }
    }

    /// <summary>Whether a duration-only specification's binding of <paramref name="e"/> holds (as <see cref="TermMath.Compare"/> decides it) and the sink only counted it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool CountedSatisfied(ScopeInvocation invocation, int local, in BoundEvent e)
    {
        long duration = RunClock.Nanoseconds(e.Start, e.End);
        return HoldsFor(duration) && _sink.CountSatisfied(invocation, _plan.Points[local].Info.CallSiteId, duration, e.Threw);
    }

    /// <summary>For a duration-only specification: whether a call of <paramref name="durationNanoseconds"/> satisfies it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool HoldsFor(long durationNanoseconds)
    {
        double duration = durationNanoseconds;
        return _durationComparison switch
        {
            Comparison.Less => duration < _durationBound,
            Comparison.LessOrEqual => duration <= _durationBound,
            Comparison.Greater => duration > _durationBound,
            _ => duration >= _durationBound,
        };
    }

    /// <summary>Whether the specification only bounds its call's duration by a constant (the counted-only path applies).</summary>
    internal bool BoundsDurationOnly => _boundsDurationOnly;

    /// <summary>The invocation ended: bindings still incomplete produce no verdict (docs/spec-language.md, rule 4).</summary>
    public void End(long scope)
    {
        if (_invocations.Remove(scope) is not { } invocation)
        {
            return;
        }

        // A specification of one slot never has templates or waiting bindings (see Take): nothing to release.
        if (_scratch is not null)
        {
            invocation.Live = 0;
            invocation.CallSiteId = 0;
            _invocations.Recycle(invocation);
            return;
        }

        // Templates first (a template bound completely waits nowhere), then whatever still waits; a binding released
        // once has a new generation, so its other entries are skipped.
        foreach (OpenBinding template in invocation.Templates)
        {
            template.Release();
            _bindingPool.Push(template);
        }

        foreach (List<(OpenBinding Binding, int Generation)> waiting in invocation.Waiting)
        {
            foreach ((OpenBinding binding, int generation) in waiting)
            {
                if (binding.Generation == generation)
                {
                    binding.Release();
                    _bindingPool.Push(binding);
                }
            }

            waiting.Clear();
        }

        invocation.Templates.Clear();
        invocation.Live = 0;
        invocation.CallSiteId = 0;
        _invocations.Recycle(invocation);
    }

    // The same invocation as the last event's, usually: that test is inlined into Take, the rest is not.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ScopeInvocation InvocationOf(in BoundEvent e)
    {
        ScopeInvocation? last = _invocations.Current;
        return last is not null && last.Scope == e.Scope ? last : OtherInvocationOf(e);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private ScopeInvocation OtherInvocationOf(in BoundEvent e)
    {
        ScopeInvocation invocation = _invocations.Find(e.Scope, out bool isNew);
        if (!isNew)
        {
            return invocation;
        }

        invocation.TestId = e.TestId;
        invocation.StartTimestamp = e.Start;

        // A specification of one slot decides each binding at once in the scratch binding: it never uses templates.
        if (_scratch is null)
        {
            BuildTemplates(invocation);
        }

        return invocation;
    }

    // One template per combination of points of the explicit slots that do not depend on slot 0.
    private void BuildTemplates(ScopeInvocation invocation)
    {
        foreach (int slot in _independentSlots)
        {
            if (_plan.Slots[slot].Points.Count == 0)
            {
                return; // a slot no point can bind: no binding can ever be complete
            }
        }

        AddTemplates(invocation, 0);
    }

    private void Create(ScopeInvocation invocation, int local, in BoundEvent e, ReadOnlySpan<CapturedValue> values)
    {
        // One slot (the common "every call of f takes at most ..."): the binding is complete at once and never waits,
        // so it is decided in a scratch binding without touching the pool or the waiting lists.
        if (_scratch is not null)
        {
            _scratch.Reset();
            _scratch.Slots[0].ChosenPoint = local;
            _scratch.Fill(_plan, 0, local, e, values);
            Decide(invocation, _scratch, e.ThreadId);
            return;
        }

        foreach (int slot in _dependentSlots)
        {
            if (_plan.Slots[slot].Points.Count == 0)
            {
                return;
            }
        }

        for (int t = 0; t < invocation.Templates.Count; t++)
        {
            OpenBinding template = invocation.Templates[t];
            CreateFrom(invocation, template, _dependentSlots, 0, local, e, values);
        }
    }

    private void CreateFrom(ScopeInvocation invocation, OpenBinding template, List<int> slots, int depth, int local, in BoundEvent e, ReadOnlySpan<CapturedValue> values)
    {
        if (depth < slots.Count)
        {
            foreach (int point in _plan.Slots[slots[depth]].Points)
            {
                _combination[slots[depth]] = point;
                CreateFrom(invocation, template, slots, depth + 1, local, e, values);
            }

            return;
        }

        if (invocation.Live >= MaxLiveBindingsPerInvocation)
        {
            DroppedBindings++;
            return;
        }

        OpenBinding binding = Rent();
        binding.CopyFrom(template);
        binding.Slots[0].ChosenPoint = local;
        foreach (int slot in slots)
        {
            binding.Slots[slot].ChosenPoint = _combination[slot];
        }

        binding.Fill(_plan, 0, local, e, values);
        if (binding.Unfilled == 0)
        {
            Decide(invocation, binding, e.ThreadId);
            binding.Release();
            _bindingPool.Push(binding);
            return;
        }

        invocation.Live++;
        Register(invocation, binding);
    }

    private void AddTemplates(ScopeInvocation invocation, int depth)
    {
        if (depth < _independentSlots.Count)
        {
            foreach (int point in _plan.Slots[_independentSlots[depth]].Points)
            {
                _combination[_independentSlots[depth]] = point;
                AddTemplates(invocation, depth + 1);
            }

            return;
        }

        OpenBinding template = Rent();
        template.IsTemplate = true;
        foreach (int slot in _independentSlots)
        {
            template.Slots[slot].ChosenPoint = _combination[slot];
        }

        invocation.Templates.Add(template);
        Register(invocation, template);
    }

    private void Register(ScopeInvocation invocation, OpenBinding binding)
    {
        for (int slot = 0; slot < _plan.Slots.Length; slot++)
        {
            if (binding.Slots[slot].Filled || (binding.IsTemplate && _plan.Slots[slot].Dependent))
            {
                continue;
            }

            if (_plan.Slots[slot].Slot.IsNextCall)
            {
                foreach (int point in _plan.Slots[slot].Points)
                {
                    invocation.WaitingAt(point).Add((binding, binding.Generation));
                }
            }
            else if (binding.Slots[slot].ChosenPoint >= 0)
            {
                invocation.WaitingAt(binding.Slots[slot].ChosenPoint).Add((binding, binding.Generation));
            }
        }
    }

    private bool CanTake(OpenBinding binding, int slot, int local)
    {
        if (binding.Slots[slot].Filled || (binding.IsTemplate && _plan.Slots[slot].Dependent))
        {
            return false;
        }

        return _plan.Slots[slot].Slot.IsNextCall ? _plan.Points[local].MatchesSlot[slot] : binding.Slots[slot].ChosenPoint == local;
    }

    private void Fill(OpenBinding binding, int local, in BoundEvent e, ReadOnlySpan<CapturedValue> values)
    {
        for (int slot = 0; slot < _plan.Slots.Length; slot++)
        {
            if (!CanTake(binding, slot, local))
            {
                continue;
            }

            // "After q": the event must start after q's moment (a state's time, a call's end), so q must be bound first.
            int after = _plan.Slots[slot].Slot.AfterSlot;
            if (after >= 0 && (!binding.Slots[after].Filled || e.Start <= binding.Slots[after].End))
            {
                continue;
            }

            binding.Fill(_plan, slot, local, e, values);
        }
    }

    private bool WaitsAt(OpenBinding binding, int local)
    {
        for (int slot = 0; slot < _plan.Slots.Length; slot++)
        {
            if (CanTake(binding, slot, local))
            {
                return true;
            }
        }

        return false;
    }

    private OpenBinding Rent()
    {
        OpenBinding binding = _bindingPool.Count > 0 ? _bindingPool.Pop() : new OpenBinding(_plan);
        binding.Reset();
        return binding;
    }

    private void Release(ScopeInvocation invocation, OpenBinding binding)
    {
        invocation.Live--;
        binding.Release();
        _bindingPool.Push(binding);
    }

    private static void RemoveAt(List<(OpenBinding Binding, int Generation)> list, int index)
    {
        int last = list.Count - 1;
        list[index] = list[last];
        list.RemoveAt(last);
    }

    // Rule 5: apply the atoms in order of availability (ties by index) and stop at the first that decides.
    private void Decide(ScopeInvocation invocation, OpenBinding binding, int threadId)
    {
        // A formula that is one atom is decided by its only observation.
        if (_plan.Nodes.Length == 1)
        {
            bool holds = TermMath.Observe(_plan, _plan.Atoms[0], binding, out double distance);
            _order[0] = 0;
            _sink.Take(new FormulaVerdict(_plan, invocation, binding, holds, 0, _order.AsSpan(0, 1), holds ? distance : -distance, threadId));
            return;
        }

        int count = _plan.Atoms.Length;
        for (int a = 0; a < count; a++)
        {
            ulong mask = _plan.Atoms[a].SlotMask;
            int available = 0;
            for (int slot = 0; mask != 0; slot++, mask >>= 1)
            {
                if ((mask & 1) != 0)
                {
                    available = Math.Max(available, binding.Slots[slot].Sequence);
                }
            }

            _availability[a] = available;
            _states[a] = 0;
            int at = a;
            while (at > 0 && _availability[_order[at - 1]] > available)
            {
                _order[at] = _order[at - 1];
                at--;
            }

            _order[at] = a;
        }

        for (int k = 0; k < count; k++)
        {
            int atom = _order[k];
            bool truth = TermMath.Observe(_plan, _plan.Atoms[atom], binding, out double magnitude);
            _states[atom] = truth ? (sbyte)1 : (sbyte)-1;
            int value = Evaluate(_plan.Root);
            if (value != 0)
            {
                double severity = value > 0 ? Math.Abs(magnitude) : -Math.Abs(magnitude);
                _sink.Take(new FormulaVerdict(_plan, invocation, binding, value > 0, atom, _order.AsSpan(0, k + 1), severity, threadId));
                return;
            }
        }
    }

    // Kleene logic: 1 true, -1 false, 0 not yet known.
    private int Evaluate(int node)
    {
        ConnectiveNode n = _plan.Nodes[node];
        switch (n.Kind)
        {
            case ConnectiveKind.Atom:
                return _states[n.A];
            case ConnectiveKind.Not:
                return -Evaluate(n.A);
            case ConnectiveKind.And:
            {
                int left = Evaluate(n.A);
                int right = Evaluate(n.B);
                return left < 0 || right < 0 ? -1 : left > 0 && right > 0 ? 1 : 0;
            }

            default:
            {
                int left = n.Kind == ConnectiveKind.Implies ? -Evaluate(n.A) : Evaluate(n.A);
                int right = Evaluate(n.B);
                return left > 0 || right > 0 ? 1 : left < 0 && right < 0 ? -1 : 0;
            }
        }
    }
}

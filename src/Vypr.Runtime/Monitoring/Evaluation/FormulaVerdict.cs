using System;

namespace Vypr.Runtime.Monitoring;

/// <summary>A decided binding, handed to the sink without allocating; copy what you keep.</summary>
internal readonly ref struct FormulaVerdict
{
    public FormulaVerdict(FormulaPlan plan, ScopeInvocation invocation, OpenBinding binding, bool value, int decidingAtom, ReadOnlySpan<int> observedAtoms, double severity, int threadId)
    {
        Plan = plan;
        Invocation = invocation;
        Binding = binding;
        Value = value;
        DecidingAtom = decidingAtom;
        ObservedAtoms = observedAtoms;
        Severity = severity;
        ThreadId = threadId;
    }

    public FormulaPlan Plan { get; }

    public ScopeInvocation Invocation { get; }

    /// <summary>The binding; valid only during the callback.</summary>
    public OpenBinding Binding { get; }

    public bool Value { get; }

    public int DecidingAtom { get; }

    /// <summary>The atoms applied until the decision, in order; the deciding one last.</summary>
    public ReadOnlySpan<int> ObservedAtoms { get; }

    public double Severity { get; }

    public int ThreadId { get; }
}

using System.Collections.Generic;
using System.Linq;

namespace Vypr.Runtime.Tests.Formulas;

/// <summary>A verdict in the form both evaluators produce, so they can be compared exactly.</summary>
/// <param name="Invocation">The invocation the binding belongs to.</param>
/// <param name="SlotSeqs">For each slot of the specification, the <see cref="TraceEvent.Seq"/> of the event bound to it.</param>
/// <param name="Value">The verdict.</param>
/// <param name="DecidingAtom">The index of the atom whose observation decided it.</param>
/// <param name="ObservedAtoms">The atoms observed until the decision, in the order they were applied (the deciding one last).</param>
/// <param name="Severity">The deciding atom's signed distance to its bound (see docs/spec-language.md).</param>
public sealed record ExpectedVerdict(long Invocation, IReadOnlyList<int> SlotSeqs, bool Value, int DecidingAtom, IReadOnlyList<int> ObservedAtoms, double Severity)
{
    /// <summary>A stable ordering key: invocation, then the bound events.</summary>
    public string Key => Invocation + ":" + string.Join(",", SlotSeqs);

    /// <summary>Readable form for assertion messages.</summary>
    public override string ToString() =>
        $"{Key} => {Value} decided by atom {DecidingAtom} after [{string.Join(",", ObservedAtoms)}], severity {Severity}";

    /// <summary>Value equality over the lists' contents.</summary>
    public bool Equals(ExpectedVerdict? other) =>
        other is not null && Invocation == other.Invocation && SlotSeqs.SequenceEqual(other.SlotSeqs) && Value == other.Value
        && DecidingAtom == other.DecidingAtom && ObservedAtoms.SequenceEqual(other.ObservedAtoms) && Severity.Equals(other.Severity);

    /// <inheritdoc />
    public override int GetHashCode() => Key.GetHashCode();
}

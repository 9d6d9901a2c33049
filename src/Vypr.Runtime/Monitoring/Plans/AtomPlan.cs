using Vypr.Formulas;

namespace Vypr.Runtime.Monitoring;

/// <summary>A compiled atom: its term nodes and the slots whose events it reads.</summary>
/// <param name="Atom">The atom in the formula model.</param>
/// <param name="Left">The left term node.</param>
/// <param name="Right">The right term node, or -1 for an interval check.</param>
/// <param name="SlotMask">Bit i set when the atom reads slot i.</param>
internal sealed record AtomPlan(Atom Atom, int Left, int Right, ulong SlotMask);

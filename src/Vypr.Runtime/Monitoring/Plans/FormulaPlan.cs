using System;
using System.Collections.Generic;
using Vypr.Formulas;

namespace Vypr.Runtime.Monitoring;

/// <summary>
/// A fluent specification compiled for the monitor: slots, terms, atoms and formula nodes in flat arrays that
/// evaluation walks without allocating, and the registered points each slot can bind.
/// </summary>
internal sealed class FormulaPlan
{
    private readonly Dictionary<int, int> _localPoints = [];
    private readonly List<TermNode> _terms = [];
    private readonly List<ConnectiveNode> _nodes = [];
    private int _lastPointId = -1;
    private int _lastLocalPoint;

    public FormulaPlan(int specificationId, Specification specification)
    {
        SpecificationId = specificationId;
        Specification = specification;
        int count = specification.Slots.Count;
        Slots = new SlotPlan[count];
        var captures = new List<string>[count];
        for (int i = 0; i < count; i++)
        {
            captures[i] = [];
        }

        // Every measured term names the capture it reads; collect them per slot first so offsets are known.
        foreach (Atom atom in specification.Atoms)
        {
            CollectCaptures(atom.Left, captures);
            if (atom.Right is not null)
            {
                CollectCaptures(atom.Right, captures);
            }
        }

        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            BindingSlot slot = specification.Slots[i];
            bool dependent = i == 0 || (slot.AfterSlot >= 0 && Slots[slot.AfterSlot].Dependent);
            Slots[i] = new SlotPlan(slot, dependent, captures[i].ToArray(), offset);
            offset += captures[i].Count;
        }

        ValueCount = offset;
        FirstCallSlot = Array.FindIndex(Slots, s => s.Slot.IsCall);
        Atoms = new AtomPlan[specification.Atoms.Count];
        foreach (Atom atom in specification.Atoms)
        {
            ulong mask = 0;
            int left = Compile(atom.Left, ref mask);
            int right = atom.Right is null ? -1 : Compile(atom.Right, ref mask);
            Atoms[atom.Index] = new AtomPlan(atom, left, right, mask);
        }

        Root = Compile(specification.Body);
        Terms = _terms.ToArray();
        Nodes = _nodes.ToArray();
    }

    public int SpecificationId { get; }

    public Specification Specification { get; }

    public SlotPlan[] Slots { get; }

    /// <summary>The first slot that binds calls, or -1: its duration is what a verdict reports as the call's duration.</summary>
    public int FirstCallSlot { get; }

    /// <summary>How many captured values a binding stores, over all slots.</summary>
    public int ValueCount { get; }

    public TermNode[] Terms { get; }

    public AtomPlan[] Atoms { get; }

    public ConnectiveNode[] Nodes { get; }

    public int Root { get; }

    public List<LocalPoint> Points { get; } = [];

    /// <summary>The local index of a registered point, adding it (and matching it against the slots) on first sight.</summary>
    public int LocalPoint(PointInfo point)
    {
        if (point.Id == _lastPointId)
        {
            return _lastLocalPoint;
        }

        if (_localPoints.TryGetValue(point.Id, out int local))
        {
            (_lastPointId, _lastLocalPoint) = (point.Id, local);
            return local;
        }

        local = Points.Count;
        var matches = new bool[Slots.Length];
        var captureMaps = new int[Slots.Length][];
        for (int s = 0; s < Slots.Length; s++)
        {
            SlotPlan slot = Slots[s];
            matches[s] = Matches(slot.Slot.Quantifier, point);
            captureMaps[s] = new int[slot.Captures.Length];
            for (int c = 0; c < slot.Captures.Length; c++)
            {
                captureMaps[s][c] = IndexOf(point.Captures, slot.Captures[c]);
            }

            if (matches[s])
            {
                slot.Points.Add(local);
            }
        }

        Points.Add(new LocalPoint(point, matches, captureMaps));
        _localPoints.Add(point.Id, local);
        return local;
    }

    /// <summary>Registers every point of this specification known so far, so bindings fork over all of them.</summary>
    public void AddPointsFrom(IReadOnlyList<PointInfo> registered)
    {
        foreach (PointInfo point in registered)
        {
            if (point.SpecificationId == SpecificationId)
            {
                LocalPoint(point);
            }
        }
    }

    public static bool Matches(Quantifier quantifier, PointInfo point) => quantifier.Kind switch
    {
        QuantifierKind.Calls => point.Kind == PointKind.Call && point.Method == quantifier.Method
            && (quantifier.DeclaringType is null || CountsAs(point.DeclaringType, quantifier.DeclaringType)),
        QuantifierKind.Changes => point.Kind == PointKind.Change && point.Variable == quantifier.Variable,
        _ => point.Kind == PointKind.ScopeCall,
    };

    // The generator lists, '|'-separated, every type a call counts as: the called method's declaring type and the
    // types named by quantifiers it matched through a base type or an interface.
    private static bool CountsAs(string? declaringTypes, string wanted) =>
        declaringTypes is not null && Array.IndexOf(declaringTypes.Split('|'), wanted) >= 0;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static void CollectCaptures(Term term, List<string>[] captures)
    {
        switch (term)
        {
            case MeasuredTerm { CaptureName: { } name } measured when !captures[measured.Slot].Contains(name):
                captures[measured.Slot].Add(name);
                break;
            case ArithmeticTerm arithmetic:
                CollectCaptures(arithmetic.Left, captures);
                CollectCaptures(arithmetic.Right, captures);
                break;
        }
    }

    private int Compile(Term term, ref ulong slotMask)
    {
        TermNode node;
        switch (term)
        {
            case ConstantTerm constant:
                node = new TermNode(TermKind.Constant, constant.IsText ? CapturedValue.OfText(constant.Text) : CapturedValue.OfNumber(constant.Number), 0, default, -1, default, -1, -1);
                break;
            case MeasuredTerm measured:
                slotMask |= 1UL << measured.Slot;
                int capture = measured.CaptureName is { } name ? Array.IndexOf(Slots[measured.Slot].Captures, name) : -1;
                node = new TermNode(TermKind.Measured, default, measured.Slot, measured.Measurement, capture, default, -1, -1);
                break;
            case ArithmeticTerm arithmetic:
                int left = Compile(arithmetic.Left, ref slotMask);
                int right = Compile(arithmetic.Right, ref slotMask);
                node = new TermNode(TermKind.Arithmetic, default, 0, default, -1, arithmetic.Operator, left, right);
                break;
            default:
                throw new NotSupportedException("unknown term " + term.GetType().Name);
        }

        _terms.Add(node);
        return _terms.Count - 1;
    }

    private int Compile(Formula formula)
    {
        ConnectiveNode node = formula switch
        {
            Atom atom => new ConnectiveNode(ConnectiveKind.Atom, atom.Index, -1),
            Conjunction and => new ConnectiveNode(ConnectiveKind.And, Compile(and.Left), Compile(and.Right)),
            Disjunction or => new ConnectiveNode(ConnectiveKind.Or, Compile(or.Left), Compile(or.Right)),
            Negation not => new ConnectiveNode(ConnectiveKind.Not, Compile(not.Operand), -1),
            Implication implication => new ConnectiveNode(ConnectiveKind.Implies, Compile(implication.Condition), Compile(implication.Consequence)),
            _ => throw new NotSupportedException("unknown formula " + formula.GetType().Name),
        };
        _nodes.Add(node);
        return _nodes.Count - 1;
    }
}

using System;
using System.Collections.Generic;
using Vypr.Formulas;

namespace Vypr;

/// <summary>
/// The state shared by the stages of one fluent chain: the scope and the slots declared so far. Each stage adds to
/// a copy, so a partly built chain can be reused without the branches seeing each other's quantifiers.
/// </summary>
public sealed class SpecificationDraft
{
    private readonly List<BindingSlot> _slots;

    internal SpecificationDraft(string scopeType, string scopeMethod, IReadOnlyList<string> parameterTypes)
        : this(scopeType, scopeMethod, parameterTypes, [])
    {
    }

    private SpecificationDraft(string scopeType, string scopeMethod, IReadOnlyList<string> parameterTypes, List<BindingSlot> slots)
    {
        ScopeType = scopeType;
        ScopeMethod = scopeMethod;
        ParameterTypes = parameterTypes;
        _slots = slots;
    }

    internal string ScopeType { get; }

    internal string ScopeMethod { get; }

    internal IReadOnlyList<string> ParameterTypes { get; }

    internal SpecificationDraft With(string name, Quantifier quantifier)
    {
        Specification.RequireName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(quantifier);
        if (_slots.Exists(s => s.Name == name))
        {
            throw new ArgumentException($"the binding name \"{name}\" is used twice in this specification", nameof(name));
        }

        int after = -1;
        if (quantifier.AfterBinding is { } earlier)
        {
            after = _slots.FindIndex(s => s.Name == earlier);
            if (after < 0)
            {
                throw new ArgumentException(
                    $"\"{name}\" must come after \"{earlier}\", which is not a binding declared before it", nameof(quantifier));
            }
        }

        var slots = new List<BindingSlot>(_slots) { new(_slots.Count, name, quantifier, after, IsNextCall: false) };
        return new SpecificationDraft(ScopeType, ScopeMethod, ParameterTypes, slots);
    }

    internal T Bind<T>(int slot)
        where T : Binding
    {
        BindingSlot declared = _slots[slot];
        Binding binding = declared.IsCall ? new CallBinding(this, slot, declared.Name) : new StateBinding(this, slot, declared.Name);
        return (T)binding;
    }

    internal CallBinding NextCall(StateBinding state, string method, string? declaringType)
    {
        int existing = _slots.FindIndex(s => s.IsNextCall && s.AfterSlot == state.Slot
            && s.Quantifier.Method == method && s.Quantifier.DeclaringType == declaringType);
        if (existing < 0)
        {
            var quantifier = new CallQuantifier(QuantifierKind.Calls, method, declaringType, state.Name);
            string name = state.Name + ".NextCall(" + (declaringType is null ? string.Empty : Quantifier.ShortName(declaringType) + ".") + method + ")";
            existing = _slots.Count;
            _slots.Add(new BindingSlot(existing, name, quantifier, state.Slot, IsNextCall: true));
        }

        return new CallBinding(this, existing, _slots[existing].Name);
    }

    internal Specification Build(Formula? body)
    {
        if (body is null)
        {
            throw new InvalidOperationException("Check returned no formula: return a comparison such as t.Duration() <= Duration.Milliseconds(50)");
        }

        var atoms = new List<Atom>();
        Number(body, atoms);
        return new Specification(ScopeType, ScopeMethod, ParameterTypes, _slots.ToArray(), body, atoms.ToArray());
    }

    // Atoms are numbered in reading order; an atom object reused twice in one formula would get two numbers, so
    // such a formula is refused (the fluent API never produces one).
    private static void Number(Formula formula, List<Atom> atoms)
    {
        switch (formula)
        {
            case Atom atom:
                if (atom.Index >= 0)
                {
                    throw new InvalidOperationException($"the atom {atom} appears twice in one formula or in two specifications; build it again instead of reusing it");
                }

                atom.Index = atoms.Count;
                atoms.Add(atom);
                break;
            case Conjunction and:
                Number(and.Left, atoms);
                Number(and.Right, atoms);
                break;
            case Disjunction or:
                Number(or.Left, atoms);
                Number(or.Right, atoms);
                break;
            case Negation not:
                Number(not.Operand, atoms);
                break;
            case Implication implication:
                Number(implication.Condition, atoms);
                Number(implication.Consequence, atoms);
                break;
        }
    }
}

using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using Vypr.Formulas;

namespace Vypr;

/// <summary>
/// A performance specification in the formula model: the scoped method, the slots its quantifiers bind, and the
/// formula every binding must satisfy. Written with the fluent form
/// <c>Specification.For&lt;T&gt;(nameof(T.M)).Forall(...).Check(...)</c> in a static member marked
/// <see cref="PerformanceSpecificationAttribute"/>; <c>[MaxDuration]</c> is shorthand for
/// <c>Forall("call", Calls.OfScope()).Check(call =&gt; call.Duration() &lt;= bound)</c>.
/// </summary>
public sealed class Specification
{
    internal Specification(string scopeType, string scopeMethod, IReadOnlyList<string> parameterTypes, IReadOnlyList<BindingSlot> slots, Formula body, IReadOnlyList<Atom> atoms)
    {
        ScopeType = scopeType;
        ScopeMethod = scopeMethod;
        ScopeParameterTypes = parameterTypes;
        Slots = slots;
        Body = body;
        Atoms = atoms;
    }

    /// <summary>The full name of the type that declares the scoped method.</summary>
    public string ScopeType { get; }

    /// <summary>The scoped method's name.</summary>
    public string ScopeMethod { get; }

    /// <summary>The scoped method's parameter types when the specification names an overload; empty otherwise.</summary>
    public IReadOnlyList<string> ScopeParameterTypes { get; }

    /// <summary>Explicit quantifiers in order, then the implicit <c>NextCall</c> slots.</summary>
    public IReadOnlyList<BindingSlot> Slots { get; }

    /// <summary>How many slots are explicit quantifiers (they come first in <see cref="Slots"/>).</summary>
    public int QuantifierCount => Slots.Count(s => !s.IsNextCall);

    /// <summary>The formula every binding must satisfy.</summary>
    public Formula Body { get; }

    /// <summary>The formula's atoms, by <see cref="Atom.Index"/>.</summary>
    public IReadOnlyList<Atom> Atoms { get; }

    /// <summary>Starts a specification scoped to <typeparamref name="T"/>'s method <paramref name="method"/>.</summary>
    /// <typeparam name="T">The type that declares the method.</typeparam>
    /// <param name="method">The method's name: write <c>nameof(T.Method)</c> so a rename follows.</param>
    /// <param name="parameterTypes">The parameter types, only when the name is overloaded.</param>
    /// <returns>The next stage: declare quantifiers.</returns>
    public static ScopedSpecification For<T>(string method, params Type[] parameterTypes) =>
        new(new SpecificationDraft(TypeName(typeof(T)), RequireName(method, nameof(method)), parameterTypes.Select(TypeName).ToArray()));

    /// <summary>
    /// Starts a specification scoped to <paramref name="declaringType"/>'s method <paramref name="method"/>: the form
    /// for static classes (which cannot be type arguments), so for static and extension methods.
    /// </summary>
    /// <param name="declaringType">The type that declares the method: write <c>typeof(T)</c> in place, so the generator can read it.</param>
    /// <param name="method">The method's name: write <c>nameof(T.Method)</c> so a rename follows.</param>
    /// <param name="parameterTypes">The parameter types, only when the name is overloaded.</param>
    /// <returns>The next stage: declare quantifiers.</returns>
    public static ScopedSpecification For(Type declaringType, string method, params Type[] parameterTypes) =>
        new(new SpecificationDraft(
            TypeName(declaringType ?? throw new ArgumentNullException(nameof(declaringType))),
            RequireName(method, nameof(method)),
            parameterTypes.Select(TypeName).ToArray()));

    /// <summary>Starts a specification scoped to a method named by strings; used by generated code for <c>[MaxDuration]</c>.</summary>
    /// <param name="declaringType">The declaring type's full name.</param>
    /// <param name="method">The method's name.</param>
    /// <returns>The next stage.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ScopedSpecification ForMethod(string declaringType, string method) =>
        new(new SpecificationDraft(RequireName(declaringType, nameof(declaringType)), RequireName(method, nameof(method)), []));

    /// <summary>The specification in PyCFTL's shape: <c>Forall(q = Changes(file)).Forall(t = Calls(Write, after q)).Check(...)</c>.</summary>
    /// <returns>The readable form.</returns>
    public override string ToString() =>
        string.Join(".", Slots.Where(s => !s.IsNextCall).Select(s => "Forall(" + s.Name + " = " + s.Quantifier + ")")) + ".Check(" + Body + ")";

    internal static string RequireName(string? name, string parameter) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("a name is required", parameter) : name!;

    internal static string TypeName(Type type) =>
        (type.IsGenericType ? type.GetGenericTypeDefinition() : type).FullName ?? type.Name;
}

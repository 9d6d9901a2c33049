using Vypr.Formulas;
namespace Vypr.Generators.Model;

/// <summary>One slot of a fluent specification, read from its syntax (see <c>Vypr.BindingSlot</c> for the runtime twin).</summary>
/// <param name="Index">The slot's position: explicit quantifiers first, in chain order, then each distinct <c>NextCall</c> in reading order of the Check lambda.</param>
/// <param name="Name">The binding name (<c>q</c>), or <c>q.NextCall(Write)</c> for an implicit slot.</param>
/// <param name="Kind">What the slot ranges over.</param>
/// <param name="Method">For calls: the called method's simple name.</param>
/// <param name="DeclaringType">For calls restricted to a type: the type's metadata full name as <c>System.Type.FullName</c> writes it (<c>Ns.Outer+Inner</c>, <c>Ns.List`1</c>); null for any type.</param>
/// <param name="Variable">For changes: the parameter, local or field name.</param>
/// <param name="AfterSlot">The slot every match must come after, or -1.</param>
/// <param name="IsNextCall">True for an implicit <c>NextCall</c> slot.</param>
/// <param name="Captures">The values the Check lambda reads from this slot's events, by capture name: <c>arg:NAME</c>, <c>result</c>, <c>value</c>, each optionally followed by <c>#length</c>. Sorted, distinct.</param>
internal sealed record SlotModel(
    int Index,
    string Name,
    SlotKind Kind,
    string? Method,
    string? DeclaringType,
    string? Variable,
    int AfterSlot,
    bool IsNextCall,
    EquatableArray<CaptureName> Captures);

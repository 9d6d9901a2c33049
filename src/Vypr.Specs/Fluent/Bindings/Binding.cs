namespace Vypr;

/// <summary>A variable of a specification: the event one quantifier (or one <c>NextCall</c>) bound in a binding.</summary>
public abstract class Binding
{
    private protected Binding(SpecificationDraft draft, int slot, string name)
    {
        Draft = draft;
        Slot = slot;
        Name = name;
    }

    /// <summary>The slot (see <see cref="Specification.Slots"/>) this variable stands for.</summary>
    public int Slot { get; }

    /// <summary>The variable's name as the specification shows it.</summary>
    public string Name { get; }

    private protected SpecificationDraft Draft { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}

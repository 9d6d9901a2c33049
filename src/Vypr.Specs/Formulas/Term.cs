namespace Vypr.Formulas;

/// <summary>A node of the formula model that has a value once its events are observed: a measurement, a constant or arithmetic.</summary>
public abstract class Term
{
    private protected Term(bool isDuration) => IsDuration = isDuration;

    /// <summary>True when the term is a duration in nanoseconds; false for a plain value (number or text).</summary>
    public bool IsDuration { get; }
}

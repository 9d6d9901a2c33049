using Vypr.Formulas;

namespace Vypr;

/// <summary>A point in time inside the scoped call: a state (a change), or the start or end of a call.</summary>
public sealed class Moment
{
    internal Moment(MeasuredTerm node) => Node = node;

    /// <summary>The moment in the formula model (a <see cref="Measurement.Start"/> or <see cref="Measurement.End"/> measurement).</summary>
    public MeasuredTerm Node { get; }
}

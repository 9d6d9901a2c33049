using Vypr.Formulas;

namespace Vypr;

/// <summary>Terms about time between events (PyCFTL's <c>timeBetween(s1, s2)</c>).</summary>
public static class Time
{
    /// <summary>The time from <paramref name="from"/> to <paramref name="to"/>: negative when <paramref name="to"/> came first.</summary>
    /// <param name="from">The earlier moment (a state binding converts implicitly).</param>
    /// <param name="to">The later moment.</param>
    /// <returns>The duration between them.</returns>
    public static DurationTerm Between(Moment from, Moment to) =>
        new(new ArithmeticTerm(to.Node, ArithmeticOperator.Subtract, from.Node, isDuration: true));
}

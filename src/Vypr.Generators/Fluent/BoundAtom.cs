namespace Vypr.Generators;

/// <summary>
/// A comparison of a term with constants, as the range of values it allows: <c>t.Duration() &lt; 1ms</c> is
/// (-∞, 1ms). Conjoined ranges of the same term that do not overlap can never all hold.
/// </summary>
/// <param name="TermKey">The canonical form of the compared term.</param>
/// <param name="Written">The comparison as written.</param>
/// <param name="Lower">The lowest allowed value (negative infinity when unbounded).</param>
/// <param name="LowerClosed">Whether <paramref name="Lower"/> itself is allowed.</param>
/// <param name="Upper">The highest allowed value (positive infinity when unbounded).</param>
/// <param name="UpperClosed">Whether <paramref name="Upper"/> itself is allowed.</param>
/// <param name="Excluded">For <c>!=</c>: the one value excluded.</param>
/// <param name="TextEquals">For <c>== "text"</c>: the only text allowed.</param>
/// <param name="IsText">True when <paramref name="TextEquals"/> applies (it may be null).</param>
internal sealed record BoundAtom(
    string TermKey,
    string Written,
    double Lower,
    bool LowerClosed,
    double Upper,
    bool UpperClosed,
    double? Excluded,
    string? TextEquals,
    bool IsText)
{
    /// <summary>True when no value lies in [Lower, Upper] with its closedness, or an end is NaN.</summary>
    public bool IsEmpty =>
        double.IsNaN(Lower) || double.IsNaN(Upper) || Lower > Upper || (Lower == Upper && !(LowerClosed && UpperClosed));
}

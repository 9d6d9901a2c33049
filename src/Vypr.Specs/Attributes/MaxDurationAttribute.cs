using System;

namespace Vypr;

/// <summary>
/// Specifies that every call of the method must complete within a bound: <c>[MaxDuration("50ms")]</c>.
/// </summary>
/// <remarks>
/// The bound is read at compile time by Vypr's source generator, which weaves a timing probe into every call
/// site of the method that the compilation contains. A malformed bound is a compile error (VYPR0001), never a
/// runtime exception. Calls of <see langword="async"/> methods are timed until their task completes, and calls
/// that throw still get a verdict. With the IL backend (<c>VyprWeaving</c> <c>IL</c> or <c>Both</c>) the method is
/// timed inside its own body instead, so every call counts however it is made; constructors and property accessors
/// can then carry the attribute too.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, AllowMultiple = false, Inherited = false)]
public sealed class MaxDurationAttribute : Attribute
{
    /// <summary>Creates the specification from a duration literal such as <c>"50ms"</c>, <c>"1.5s"</c> or <c>"200us"</c>.</summary>
    /// <param name="bound">A positive number followed by a unit: ns, us (or µs), ms, s or min.</param>
    public MaxDurationAttribute(string bound)
    {
        Bound = bound;
    }

    /// <summary>Creates the specification from a number and a unit: <c>[MaxDuration(50, DurationUnit.Milliseconds)]</c>.</summary>
    /// <param name="value">A positive number of <paramref name="unit"/>s.</param>
    /// <param name="unit">The unit of <paramref name="value"/>.</param>
    public MaxDurationAttribute(double value, DurationUnit unit)
    {
        Bound = DurationText.Format(value, unit);
    }

    /// <summary>The bound as written, normalised to the literal form (for example <c>"50ms"</c>).</summary>
    public string Bound { get; }
}

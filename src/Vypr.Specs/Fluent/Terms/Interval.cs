using System;

namespace Vypr;

/// <summary>Intervals for <c>In</c> checks (PyCFTL's <c>_in([a, b])</c> and <c>_in((a, b))</c>).</summary>
public static class Interval
{
    /// <summary>[<paramref name="lower"/>, <paramref name="upper"/>]: both ends included.</summary>
    /// <param name="lower">The lower end.</param>
    /// <param name="upper">The upper end.</param>
    /// <returns>The interval.</returns>
    public static Interval<double> Closed(double lower, double upper) => new(lower, upper, true, true);

    /// <summary>(<paramref name="lower"/>, <paramref name="upper"/>): both ends excluded.</summary>
    /// <param name="lower">The lower end.</param>
    /// <param name="upper">The upper end.</param>
    /// <returns>The interval.</returns>
    public static Interval<double> Open(double lower, double upper) => new(lower, upper, false, false);

    /// <summary>[<paramref name="lower"/>, <paramref name="upper"/>): the lower end included, the upper excluded.</summary>
    /// <param name="lower">The lower end.</param>
    /// <param name="upper">The upper end.</param>
    /// <returns>The interval.</returns>
    public static Interval<double> ClosedOpen(double lower, double upper) => new(lower, upper, true, false);

    /// <summary>(<paramref name="lower"/>, <paramref name="upper"/>]: the lower end excluded, the upper included.</summary>
    /// <param name="lower">The lower end.</param>
    /// <param name="upper">The upper end.</param>
    /// <returns>The interval.</returns>
    public static Interval<double> OpenClosed(double lower, double upper) => new(lower, upper, false, true);

    /// <summary>[<paramref name="lower"/>, <paramref name="upper"/>] of durations: both ends included.</summary>
    /// <param name="lower">The lower end.</param>
    /// <param name="upper">The upper end.</param>
    /// <returns>The interval.</returns>
    public static Interval<Duration> Closed(Duration lower, Duration upper) => new(lower, upper, true, true);

    /// <summary>(<paramref name="lower"/>, <paramref name="upper"/>) of durations: both ends excluded.</summary>
    /// <param name="lower">The lower end.</param>
    /// <param name="upper">The upper end.</param>
    /// <returns>The interval.</returns>
    public static Interval<Duration> Open(Duration lower, Duration upper) => new(lower, upper, false, false);

    /// <summary>[<paramref name="lower"/>, <paramref name="upper"/>) of durations.</summary>
    /// <param name="lower">The lower end.</param>
    /// <param name="upper">The upper end.</param>
    /// <returns>The interval.</returns>
    public static Interval<Duration> ClosedOpen(Duration lower, Duration upper) => new(lower, upper, true, false);

    /// <summary>(<paramref name="lower"/>, <paramref name="upper"/>] of durations.</summary>
    /// <param name="lower">The lower end.</param>
    /// <param name="upper">The upper end.</param>
    /// <returns>The interval.</returns>
    public static Interval<Duration> OpenClosed(Duration lower, Duration upper) => new(lower, upper, false, true);
}

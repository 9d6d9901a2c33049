namespace Vypr;

/// <summary>The unit of a duration bound written as a number and a unit.</summary>
public enum DurationUnit
{
    /// <summary>Nanoseconds (ns).</summary>
    Nanoseconds,

    /// <summary>Microseconds (us).</summary>
    Microseconds,

    /// <summary>Milliseconds (ms).</summary>
    Milliseconds,

    /// <summary>Seconds (s).</summary>
    Seconds,

    /// <summary>Minutes (min).</summary>
    Minutes,
}

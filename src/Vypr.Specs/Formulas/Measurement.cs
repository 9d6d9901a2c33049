namespace Vypr.Formulas;

/// <summary>What a <see cref="MeasuredTerm"/> reads from the event bound to its slot.</summary>
public enum Measurement
{
    /// <summary>A call's duration, in nanoseconds.</summary>
    Duration,

    /// <summary>A call's argument (the state before the call).</summary>
    Argument,

    /// <summary>A call's result (the state after the call).</summary>
    Result,

    /// <summary>A changed variable's new value.</summary>
    Value,

    /// <summary>The moment a call started.</summary>
    Start,

    /// <summary>The moment a call ended, or a variable changed.</summary>
    End,
}

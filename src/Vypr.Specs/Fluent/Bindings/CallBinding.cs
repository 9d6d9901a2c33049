using Vypr.Formulas;

namespace Vypr;

/// <summary>A bound call (a transition): it has a duration, arguments, a result, a start and an end.</summary>
public sealed class CallBinding : Binding
{
    internal CallBinding(SpecificationDraft draft, int slot, string name)
        : base(draft, slot, name)
    {
    }

    /// <summary>How long the call took (until its task completed, for an asynchronous call).</summary>
    /// <returns>The duration term.</returns>
    public DurationTerm Duration() => new(Measure(Measurement.Duration, null));

    /// <summary>The value of the argument passed for parameter <paramref name="parameter"/> (the state before the call).</summary>
    /// <param name="parameter">The called method's parameter name.</param>
    /// <returns>The value term.</returns>
    public ValueTerm Argument(string parameter) => new(Measure(Measurement.Argument, Specification.RequireName(parameter, nameof(parameter))));

    /// <summary>The call's result (the state after the call); the awaited result for a <c>Task&lt;T&gt;</c>.</summary>
    /// <returns>The value term.</returns>
    public ValueTerm Result() => new(Measure(Measurement.Result, null));

    /// <summary>The moment the call started.</summary>
    /// <returns>The moment.</returns>
    public Moment Start() => new(Measure(Measurement.Start, null));

    /// <summary>The moment the call ended.</summary>
    /// <returns>The moment.</returns>
    public Moment End() => new(Measure(Measurement.End, null));

    private MeasuredTerm Measure(Measurement measurement, string? name) => new(Slot, Name, measurement, name, length: false);
}

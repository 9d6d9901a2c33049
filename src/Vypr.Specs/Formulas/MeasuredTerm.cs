namespace Vypr.Formulas;

/// <summary>A value read from the event bound to a slot: a duration, an argument, a result, a variable's value or a moment.</summary>
public sealed class MeasuredTerm : Term
{
    internal MeasuredTerm(int slot, string binding, Measurement measurement, string? name, bool length)
        : base(measurement is Measurement.Duration or Measurement.Start or Measurement.End)
    {
        Slot = slot;
        Binding = binding;
        Measurement = measurement;
        Name = name;
        Length = length;
    }

    /// <summary>The slot (see <see cref="Specification.Slots"/>) whose event is measured.</summary>
    public int Slot { get; }

    /// <summary>The slot's name, for display.</summary>
    public string Binding { get; }

    /// <summary>What is read from the event.</summary>
    public Measurement Measurement { get; }

    /// <summary>For <see cref="Measurement.Argument"/>: the parameter's name.</summary>
    public string? Name { get; }

    /// <summary>True when the term is the length (or count) of the value rather than the value.</summary>
    public bool Length { get; }

    /// <summary>The name of the captured value this term reads, as probes report it (<c>arg:n</c>, <c>result</c>, <c>value</c>, with <c>#length</c> appended for lengths); null for durations and moments.</summary>
    public string? CaptureName => Measurement switch
    {
        Measurement.Argument => new Formulas.CaptureName(CaptureSource.Argument, Name, Length).ToString(),
        Measurement.Result => new Formulas.CaptureName(CaptureSource.Result, null, Length).ToString(),
        Measurement.Value => new Formulas.CaptureName(CaptureSource.Value, null, Length).ToString(),
        _ => null,
    };

    internal MeasuredTerm WithLength() => new(Slot, Binding, Measurement, Name, length: true);

    /// <inheritdoc />
    public override string ToString()
    {
        string read = Measurement switch
        {
            Measurement.Duration => "Duration()",
            Measurement.Argument => $"Argument(\"{Name}\")",
            Measurement.Result => "Result()",
            Measurement.Value => "Value()",
            Measurement.Start => "Start()",
            _ => "End()",
        };
        return Binding + "." + read + (Length ? ".Length()" : string.Empty);
    }
}

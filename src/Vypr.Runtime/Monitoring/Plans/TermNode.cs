using Vypr.Formulas;

namespace Vypr.Runtime.Monitoring;

/// <summary>A compiled term: a constant, a measurement of a slot's event, or arithmetic over two other nodes.</summary>
internal readonly record struct TermNode(
    TermKind Kind,
    CapturedValue Constant,
    int Slot,
    Measurement Measurement,
    int Capture,
    ArithmeticOperator Operator,
    int Left,
    int Right);

namespace Vypr.Load.Thresholds;

/// <summary>How a threshold compares its statistic with its limit.</summary>
public enum ThresholdOperator
{
    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
}

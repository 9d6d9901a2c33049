namespace Vypr.Analysis.History;

/// <summary>Which way a metric's level moved.</summary>
public enum ChangeDirection
{
    /// <summary>The level went up: slower, larger.</summary>
    Regression,

    /// <summary>The level went down: faster, smaller.</summary>
    Improvement,
}

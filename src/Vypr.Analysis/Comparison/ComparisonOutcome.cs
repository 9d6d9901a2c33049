namespace Vypr.Analysis.Comparison;

/// <summary>The four answers to "is head different from base", against a practical threshold.</summary>
public enum ComparisonOutcome
{
    /// <summary>The whole confidence interval of the ratio lies within the threshold: no change that matters.</summary>
    Same,

    /// <summary>The whole interval lies above 1 + threshold and the change survives false-discovery control.</summary>
    Slower,

    /// <summary>The whole interval lies below 1 / (1 + threshold) and the change survives false-discovery control.</summary>
    Faster,

    /// <summary>The interval straddles a threshold: more runs are needed to decide.</summary>
    Inconclusive,
}

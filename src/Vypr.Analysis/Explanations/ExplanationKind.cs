namespace Vypr.Analysis.Explanations;

/// <summary>What a candidate explanation groups calls by.</summary>
public enum ExplanationKind
{
    /// <summary>The place the call was made from.</summary>
    CallSite,

    /// <summary>The test that made the call.</summary>
    Test,

    /// <summary>A value captured with the call (an argument's length, a text), above a threshold or equal to a text.</summary>
    CapturedValue,
}

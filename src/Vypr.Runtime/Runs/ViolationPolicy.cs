namespace Vypr.Runtime.Runs;

/// <summary>What a test that violates a specification does: fail (the default) or only report.</summary>
public enum ViolationPolicy
{
    /// <summary>The test fails with a message listing each violation.</summary>
    Fail,

    /// <summary>The test keeps its own outcome; violations are reported in its output and the run's results.</summary>
    Report,
}

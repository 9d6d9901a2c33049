namespace Vypr.Runtime.Runs;

/// <summary>How much of a test's report goes into its output when the test has neither violation nor warning.</summary>
public enum TestOutputDetail
{
    /// <summary>The default: a passing test's output gets the one-line count of its verdicts; a test with a violation or a warning gets every line.</summary>
    Summary,

    /// <summary>Every test's output gets every line: the count, an "ok" line per call site whose calls all held, each violation and each warning.</summary>
    Detailed,
}

using System;

namespace Vypr.Analysis.History;

/// <summary>The change-point detector's settings; the defaults are the ones measured in docs/benchmarks.md.</summary>
public sealed record DetectorOptions
{
    /// <summary>The one-sided Mann-Whitney p-value a split must beat to be reported.</summary>
    public double Alpha { get; init; } = 1e-5;

    /// <summary>The smallest change reported, a share (0.05 = 5%): smaller persistent shifts are treated as drift.</summary>
    public double MinEffect { get; init; } = 0.05;

    /// <summary>The fewest runs at the old level (since the last change or baseline) before a new change can be tested.</summary>
    public int MinBefore { get; init; } = 8;

    /// <summary>The most runs at the old level that a test looks back at (older runs may have drifted).</summary>
    public int MaxBefore { get; init; } = 30;

    /// <summary>The fewest runs at the new level before a change is reported (the shortest detection delay is this minus one).</summary>
    public int MinAfter { get; init; } = 5;

    /// <summary>
    /// The most runs at the new level a trigger test uses. Large steps fire within the first few runs; a small step
    /// under high noise needs more of them (a 10% step under 5% run-to-run noise rarely passes α in 15 runs, mostly in
    /// 25), so the window is long and the report says how many runs each change needed.
    /// </summary>
    public int MaxAfter { get; init; } = 25;

    /// <summary>Checks every value, naming the wrong one.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (!(Alpha > 0 && Alpha < 1))
        {
            throw new ArgumentException($"Alpha must be strictly between 0 and 1; got {Alpha}.");
        }

        if (!(MinEffect >= 0) || double.IsInfinity(MinEffect))
        {
            throw new ArgumentException($"The smallest effect must be a finite share of at least 0; got {MinEffect}.");
        }

        if (MinBefore < 2 || MaxBefore < MinBefore)
        {
            throw new ArgumentException($"The runs before a change must satisfy 2 <= MinBefore <= MaxBefore; got {MinBefore} and {MaxBefore}.");
        }

        if (MinAfter < 1 || MaxAfter < MinAfter)
        {
            throw new ArgumentException($"The runs after a change must satisfy 1 <= MinAfter <= MaxAfter; got {MinAfter} and {MaxAfter}.");
        }
    }
}

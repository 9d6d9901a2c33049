namespace Vypr.Analysis.Statistics;

/// <summary>How many times larger one sample is than another, with a confidence interval.</summary>
/// <param name="Ratio">The Hodges-Lehmann estimate: exp of the median of all pairwise differences of log values.</param>
/// <param name="Lower">The interval's lower bound (0 when the samples are too small to bound it).</param>
/// <param name="Upper">The interval's upper bound (positive infinity when the samples are too small to bound it).</param>
/// <param name="Confidence">The interval's confidence level (0.95 for a 95% interval).</param>
public sealed record RatioEstimate(double Ratio, double Lower, double Upper, double Confidence)
{
    /// <summary>Whether the whole interval lies inside [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="low">The smallest ratio allowed.</param>
    /// <param name="high">The largest ratio allowed.</param>
    /// <returns>True when Lower ≥ low and Upper ≤ high.</returns>
    public bool Within(double low, double high) => Lower >= low && Upper <= high;
}

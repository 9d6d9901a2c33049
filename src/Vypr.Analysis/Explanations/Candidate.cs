using System.Globalization;

namespace Vypr.Analysis.Explanations;

/// <summary>
/// A candidate explanation of a specification's violations: a group of calls (those from one call site, one test, or
/// with a captured value past a threshold) against all the others.
/// </summary>
/// <param name="Kind">What the group is made by.</param>
/// <param name="Group">The group in words (<c>calls from PayloadValidator.cs:13</c>).</param>
/// <param name="Location">The source location of the group, when it has one (<c>/repo/PayloadValidator.cs:13:22</c>).</param>
/// <param name="GroupViolations">Violations inside the group.</param>
/// <param name="GroupCalls">Calls inside the group.</param>
/// <param name="OtherViolations">Violations outside it.</param>
/// <param name="OtherCalls">Calls outside it.</param>
/// <param name="PValue">The two-sided two-proportion z-test of "the group violates as often as the others".</param>
public sealed record Candidate(
    ExplanationKind Kind,
    string Group,
    string? Location,
    long GroupViolations,
    long GroupCalls,
    long OtherViolations,
    long OtherCalls,
    double PValue)
{
    /// <summary>The share of the group's calls that violate.</summary>
    public double GroupRate => GroupCalls == 0 ? 0 : (double)GroupViolations / GroupCalls;

    /// <summary>The share of the other calls that violate.</summary>
    public double OtherRate => OtherCalls == 0 ? 0 : (double)OtherViolations / OtherCalls;

    /// <summary>The effect size: the group's violation rate minus the others' (risk difference, −1 to 1).</summary>
    public double Effect => GroupRate - OtherRate;

    /// <summary>The sentence a report shows.</summary>
    /// <returns>"calls from X violate in 96% of cases (48/50), others in 0% (0/120)".</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Group} violate in {GroupRate * 100:0}% of cases ({GroupViolations}/{GroupCalls}), others in {OtherRate * 100:0}% ({OtherViolations}/{OtherCalls}); p = {PValue:G2}");
}

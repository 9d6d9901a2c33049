using System.Collections.Generic;

namespace Vypr.Analysis.Explanations;

/// <summary>Why a specification was violated: its candidate explanations, best first.</summary>
/// <param name="Method">The monitored method.</param>
/// <param name="Specification">The specification's text.</param>
/// <param name="Calls">Calls checked against it.</param>
/// <param name="Violations">Calls that violated it.</param>
/// <param name="Candidates">Candidate explanations ranked: significant ones (p below 0.01) first, by effect size.</param>
public sealed record Explanation(string Method, string Specification, long Calls, long Violations, IReadOnlyList<Candidate> Candidates);

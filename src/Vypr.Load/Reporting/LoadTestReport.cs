using System.Collections.Generic;

namespace Vypr.Load.Reporting;

/// <summary>One test entry of a <see cref="LoadReport"/>.</summary>
/// <param name="Result">The entry's results (name, type, timeline, errors, thresholds).</param>
/// <param name="Model">The sentence that says how the entry fired and how closely it kept its rate.</param>
/// <param name="Counts">The entry's counts by name, in the order the reports list them.</param>
/// <param name="Distributions">Every distribution of the entry: latency, service, start delay, scheduling error, then each metric.</param>
internal sealed record LoadTestReport(
    LoadTestResult Result,
    string Model,
    IReadOnlyList<(string Name, long Value)> Counts,
    IReadOnlyList<DistributionRow> Distributions);

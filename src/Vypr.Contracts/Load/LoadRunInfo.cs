using System.Collections.Generic;

namespace Vypr.Contracts;

/// <summary>
/// The load section of a run (<see cref="RunDocument.Load"/>): what <c>vypr load</c> measured, per test entry. The
/// run's own fields (<see cref="RunInfo"/>) say when and where; the entries' Vypr tests (<see cref="LoadTestInfo.TestId"/>)
/// carry the verdicts of monitored methods called under load.
/// </summary>
/// <param name="Plan">The plan file, as given.</param>
/// <param name="DurationSeconds">How long firing lasted, in seconds (shorter than planned when interrupted).</param>
/// <param name="PlannedSeconds">The planned duration, in seconds.</param>
/// <param name="Interrupted">Whether the run was stopped early (Ctrl+C).</param>
/// <param name="LoadAverage">The machine's 1-minute load average when the run ended, when known.</param>
/// <param name="Tests">Each test entry's statistics, in the plan's order.</param>
public sealed record LoadRunInfo(
    string Plan,
    double DurationSeconds,
    double PlannedSeconds,
    bool Interrupted,
    double? LoadAverage,
    IReadOnlyList<LoadTestInfo> Tests);

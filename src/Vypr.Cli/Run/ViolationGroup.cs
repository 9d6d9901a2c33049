namespace Vypr.Cli.Run;

/// <summary>The violations of one specification at one call site by one test in one iteration.</summary>
/// <param name="Worst">The one furthest over its bound.</param>
/// <param name="Count">How many there were.</param>
/// <param name="Key">The specification's short key in the report (<c>S1</c>).</param>
internal sealed record ViolationGroup(Violation Worst, int Count, string Key);

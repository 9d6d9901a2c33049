namespace Vypr.Cli.Run;

/// <summary>The verdicts of one specification at one call site over every iteration of a campaign.</summary>
/// <param name="Key">The specification's short key in the report (<c>S1</c>).</param>
/// <param name="Location">The call site, <c>file:line:column</c>.</param>
/// <param name="Calls">The monitored calls made there.</param>
/// <param name="Violations">How many of them violated the specification.</param>
/// <param name="MaxNanoseconds">The longest call.</param>
internal sealed record VerdictRow(string Key, string Location, long Calls, long Violations, long MaxNanoseconds);

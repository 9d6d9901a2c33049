namespace Vypr.Cli.Report;

/// <summary>Every monitored call of one method checked against one specification in a stored run, over all its tests and call sites.</summary>
/// <param name="Method">The method.</param>
/// <param name="Specification">The specification, as written.</param>
/// <param name="Calls">How many calls completed.</param>
/// <param name="Violations">How many violated their specification.</param>
/// <param name="Threw">How many ended by an exception.</param>
/// <param name="MaxNanoseconds">The longest call.</param>
/// <param name="MeanNanoseconds">The mean duration.</param>
internal sealed record MethodStatistics(string Method, string? Specification, long Calls, long Violations, long Threw, long MaxNanoseconds, double MeanNanoseconds);

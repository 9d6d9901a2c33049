namespace Vypr.Cli.Report;

/// <summary>One violating call of a stored run, with where it was made and by which test.</summary>
/// <param name="Method">The called method.</param>
/// <param name="Specification">The specification it violated, as written.</param>
/// <param name="File">The call site's source file.</param>
/// <param name="Line">The call site's line.</param>
/// <param name="Column">The call site's column.</param>
/// <param name="Test">The test that made the call, or null outside any test.</param>
/// <param name="DurationNanoseconds">How long the call took.</param>
/// <param name="BoundNanoseconds">The specification's duration bound.</param>
internal sealed record StoredViolation(string Method, string Specification, string File, long Line, long Column, string? Test, long DurationNanoseconds, long BoundNanoseconds);

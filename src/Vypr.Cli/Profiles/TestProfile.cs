namespace Vypr.Cli.Profiles;

/// <summary>The CPU sample profile of one of a campaign's slowest tests, or why there is none.</summary>
/// <param name="Rank">1 for the slowest test, 2 for the next...</param>
/// <param name="Test">The test's full name, as its results give it.</param>
/// <param name="Iteration">The iteration in which it was this slow; its input is the one it ran with again.</param>
/// <param name="WallNanoseconds">How long it took in that iteration.</param>
/// <param name="File">The <c>.nettrace</c> file, when the profile was made.</param>
/// <param name="Problem">Why no profile was made (or what went wrong while it was), else null.</param>
internal sealed record TestProfile(int Rank, string Test, int Iteration, long WallNanoseconds, string? File, string? Problem);

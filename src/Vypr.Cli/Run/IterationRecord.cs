using System.Collections.Generic;

namespace Vypr.Cli.Run;

/// <summary>What the checkpoint keeps of one finished iteration.</summary>
/// <param name="Iteration">The iteration's 1-based number; its results are in the campaign directory's subdirectory of that name.</param>
/// <param name="Input">The input it ran with, or null for a campaign without inputs.</param>
/// <param name="ExitCodes">The exit code of each project's test process, in the order of the projects.</param>
/// <param name="ResultsFiles">Its results files (<c>vypr.run/1</c>), relative to the campaign directory.</param>
/// <param name="Seconds">How long the iteration took.</param>
internal sealed record IterationRecord(int Iteration, string? Input, IReadOnlyList<int> ExitCodes, IReadOnlyList<string> ResultsFiles, double Seconds)
{
    /// <summary>
    /// Whether the results are in the campaign's store or server. An iteration whose results could not be stored (a
    /// server down, a kill in between) keeps false, and <c>--resume</c> stores it before running the next.
    /// </summary>
    public bool Stored { get; init; }
}

using System.Collections.Generic;

namespace Vypr.Cli.Run;

/// <summary>A campaign as <c>vypr.yml</c> describes it (docs/cli.md, docs/vypr.schema.json), with paths made absolute.</summary>
internal sealed record CampaignConfig
{
    /// <summary>The configuration file, as given; errors and reports name it.</summary>
    public required string File { get; init; }

    /// <summary>The test projects, run in this order in every iteration.</summary>
    public required IReadOnlyList<CampaignProject> Projects { get; init; }

    /// <summary>
    /// The inputs, one iteration each; empty when the file has none, and the campaign is then one iteration run
    /// without <c>VYPR_INPUT</c>.
    /// </summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Whether to stop after the first iteration in which a test failed or a verdict was false.</summary>
    public bool FailFast { get; init; }

    /// <summary>What a violation does to its test: <c>Fail</c> or <c>Report</c> (passed as <c>VYPR_VIOLATIONS</c>).</summary>
    public string Violations { get; init; } = "Fail";

    /// <summary>The campaign directory: one subdirectory per iteration, the checkpoint and the reports.</summary>
    public required string ResultsDirectory { get; init; }

    /// <summary>The stress multiplier the tests read from <c>VYPR_STRESS</c>.</summary>
    public double Stress { get; init; } = 1;

    /// <summary>The verdict server the test runs ship to, when one is configured.</summary>
    public string? ServerUrl { get; init; }

    /// <summary>The token for <see cref="ServerUrl"/>, read from the environment variable the file names.</summary>
    public string? ServerToken { get; init; }

    /// <summary>The SQLite store every iteration's results go to when no server is configured (<c>.vypr/verdicts.db</c> by default).</summary>
    public string? StorePath { get; init; }

    /// <summary>The project runs are stored under; null lets the destination choose (the token's project, else <c>default</c>).</summary>
    public string? Project { get; init; }

    /// <summary>
    /// How many of the campaign's slowest tests are run again, each on its own, under an EventPipe CPU sampling
    /// session that writes a <c>.nettrace</c> file (0: none).
    /// </summary>
    public int ProfileSlowest { get; init; }
}

namespace Vypr.Cli.Run;

/// <summary>One test project of a campaign.</summary>
/// <param name="Path">The project file or its directory, absolute.</param>
/// <param name="Filter">The test filter, passed as-is to the runner, or null for every test.</param>
/// <param name="Runner">How the tests are run: <c>test</c> (<c>dotnet test</c>) or <c>run</c> (<c>dotnet run</c>, for xunit v3 test executables).</param>
/// <param name="Where">Where the entry is in the configuration file, for errors about it.</param>
internal sealed record CampaignProject(string Path, string? Filter, string Runner, string Where);

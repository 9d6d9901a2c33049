namespace Vypr.Server.Ingest;

/// <summary>What an ingest request says about its runs beyond the run documents: which project, which CI job.</summary>
/// <param name="Project">The project the runs belong to.</param>
/// <param name="CiJobUrl">A link to the CI job that produced the runs, when known.</param>
internal sealed record IngestSource(string Project, string? CiJobUrl);

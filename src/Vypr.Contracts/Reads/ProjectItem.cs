namespace Vypr.Contracts.Reads;

/// <summary>A project: the runs of one code base.</summary>
/// <param name="Id">The project's ID.</param>
/// <param name="Name">The name that ingest requests give.</param>
public sealed record ProjectItem(long Id, string Name);

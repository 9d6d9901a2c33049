namespace Vypr.Analysis.Server.Wire;

/// <summary>The parts of a problem-details answer an error message quotes.</summary>
internal sealed record WireProblem(string? Title, string? Detail);

namespace Vypr.Load.Configuration;

/// <summary>A place in a plan file, for error messages.</summary>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The column, from 1.</param>
public sealed record SourcePosition(long Line, long Column);

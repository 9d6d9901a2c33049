namespace Vypr.Load.Configuration;

/// <summary>A constructor argument given in the plan, by parameter name.</summary>
/// <param name="Name">The constructor parameter's name.</param>
/// <param name="Value">The value's text (null for YAML's null).</param>
/// <param name="Position">Where the value is written.</param>
public sealed record PlanArgument(string Name, string? Value, SourcePosition Position);

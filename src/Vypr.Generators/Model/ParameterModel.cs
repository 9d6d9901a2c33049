namespace Vypr.Generators.Model;

/// <summary>A parameter of an intercepted method, as text.</summary>
/// <param name="RefKind">The modifier as written in a declaration (<c>"ref "</c>, <c>"out "</c>, <c>"in "</c> or empty).</param>
/// <param name="ArgumentRefKind">The modifier to pass it on with (<c>"ref "</c>, <c>"out "</c>, <c>"in "</c> or empty).</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="Name">The name, escaped for use as an identifier.</param>
internal sealed record ParameterModel(string RefKind, string ArgumentRefKind, string Type, string Name);

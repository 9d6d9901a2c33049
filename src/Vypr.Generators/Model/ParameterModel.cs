namespace Vypr.Generators.Model;

/// <summary>A parameter of an intercepted method.</summary>
/// <param name="RefKind">How it is passed.</param>
/// <param name="Type">The fully qualified type, with its nullable annotation.</param>
/// <param name="Name">The name, escaped for use as an identifier.</param>
/// <param name="IsScoped">True when it is declared <c>scoped</c> (the interceptor must say the same).</param>
/// <param name="Attributes">The attributes the interceptor repeats on it.</param>
internal sealed record ParameterModel(ParameterRefKind RefKind, string Type, string Name, bool IsScoped, EquatableArray<AttributeModel> Attributes);

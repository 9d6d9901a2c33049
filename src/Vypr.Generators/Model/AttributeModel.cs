namespace Vypr.Generators.Model;

/// <summary>
/// An attribute an interceptor must repeat on a parameter or its return so the compiler sees the same contract as on
/// the intercepted method (nullability attributes such as <c>[NotNullWhen(true)]</c>, <c>[UnscopedRef]</c>).
/// </summary>
/// <param name="Type">The attribute's type, fully qualified.</param>
/// <param name="Arguments">Its constructor arguments, in order: booleans and texts only.</param>
internal sealed record AttributeModel(string Type, EquatableArray<AttributeArgument> Arguments);

namespace Vypr.Generators.Model;

/// <summary>
/// An attribute an interceptor must repeat on a parameter or its return so the compiler sees the same contract as on
/// the intercepted method (nullability attributes such as <c>[NotNullWhen(true)]</c>, <c>[UnscopedRef]</c>).
/// </summary>
/// <param name="Type">The attribute's type, fully qualified.</param>
/// <param name="Arguments">Its constructor arguments, in order: booleans and texts only.</param>
/// <param name="DeclaredInFile">
/// True when the compilation cannot name the attribute: a netstandard2.0 project sees only other assemblies'
/// internal polyfills of it (CS0122). The compiler recognises these attributes by namespace and name, so each
/// generated file that repeats it declares it file-local.
/// </param>
internal sealed record AttributeModel(string Type, EquatableArray<AttributeArgument> Arguments, bool DeclaredInFile = false);

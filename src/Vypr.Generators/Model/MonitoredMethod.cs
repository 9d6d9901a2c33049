namespace Vypr.Generators.Model;

/// <summary>A method that carries a valid specification, as the generator needs it: names and values only.</summary>
/// <param name="Key">The method's documentation comment ID (its identity across compilations).</param>
/// <param name="Name">The method's simple name, for the syntactic pre-filter on invocations.</param>
/// <param name="ContainingType">The declaring type, fully qualified: what a virtual call's receiver is compared with.</param>
/// <param name="Display">The method, readable, for reports.</param>
/// <param name="SpecificationText">The specification as written, for reports.</param>
/// <param name="BoundNanoseconds">The parsed bound.</param>
/// <param name="DeclaredInSource">True when this compilation declares it (and so registers its specification).</param>
/// <param name="DispatchKeys">Keys of the interface members it implements and the methods it overrides: calls to those may reach it.</param>
/// <param name="DispatchNames">Simple names of those members, for the pre-filter.</param>
internal sealed record MonitoredMethod(
    string Key,
    string Name,
    string ContainingType,
    string Display,
    string SpecificationText,
    long BoundNanoseconds,
    bool DeclaredInSource,
    EquatableArray<string> DispatchKeys,
    EquatableArray<string> DispatchNames);

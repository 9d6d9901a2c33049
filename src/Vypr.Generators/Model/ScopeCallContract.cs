namespace Vypr.Generators.Model;

/// <summary>
/// What every call site of a scoped method records for one specification: the invocation's own event and the
/// parameters observed at entry. Computed from a specification declared in this compilation, or read from the
/// <c>[assembly: SpecificationScope]</c> attribute of a referenced assembly that declares it.
/// </summary>
/// <param name="SpecificationKey">The specification member's documentation comment ID.</param>
/// <param name="ScopeKey">The scoped method's documentation comment ID.</param>
/// <param name="ScopeName">The scoped method's simple name, for the syntactic pre-filter.</param>
/// <param name="ScopeCaptures">Captures of the invocation's own event, comma-separated (<c>arg:n,result</c>).</param>
/// <param name="ParameterChanges">Parameters observed at entry as <c>name=capture,capture</c>, separated by semicolons.</param>
internal sealed record ScopeCallContract(string SpecificationKey, string ScopeKey, string ScopeName, string ScopeCaptures, string ParameterChanges);

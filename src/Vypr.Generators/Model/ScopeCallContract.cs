using System.Linq;
using Vypr.Formulas;

namespace Vypr.Generators.Model;

/// <summary>
/// What every call site of a scoped method records for one specification: the invocation's own event and the
/// parameters observed at entry. Computed from a specification declared in this compilation, or read from the
/// <c>[assembly: SpecificationScope]</c> attribute of a referenced assembly that declares it.
/// </summary>
/// <param name="SpecificationKey">The specification member's documentation comment ID.</param>
/// <param name="ScopeKey">The scoped method's documentation comment ID.</param>
/// <param name="ScopeName">The scoped method's simple name, for the syntactic pre-filter.</param>
/// <param name="ScopeCaptures">Captures of the invocation's own event (<c>arg:n</c>, <c>result</c>). Sorted, distinct.</param>
/// <param name="ParameterChanges">Parameters observed at entry, by name.</param>
internal sealed record ScopeCallContract(
    string SpecificationKey,
    string ScopeKey,
    string ScopeName,
    EquatableArray<CaptureName> ScopeCaptures,
    EquatableArray<ParameterChange> ParameterChanges)
{
    // The attribute's text form, which compilations exchange: captures comma-separated; changes as
    // name=capture,capture separated by semicolons. Names and capture names hold none of these characters.

    /// <summary><see cref="ScopeCaptures"/> as the attribute writes them (<c>arg:n,result</c>).</summary>
    public string ScopeCapturesText => string.Join(",", ScopeCaptures);

    /// <summary><see cref="ParameterChanges"/> as the attribute writes them (<c>n=value;s=value#length</c>).</summary>
    public string ParameterChangesText => string.Join(";", ParameterChanges.Select(c => c.Variable + "=" + string.Join(",", c.Captures)));

    /// <summary>Reads the contract back from the attribute's four texts.</summary>
    public static ScopeCallContract Parse(string specificationKey, string scopeKey, string scopeName, string scopeCaptures, string parameterChanges) => new(
        specificationKey,
        scopeKey,
        scopeName,
        Split(scopeCaptures, ',').Select(CaptureName.Parse).ToEquatableArray(),
        Split(parameterChanges, ';')
            .Select(change => change.Split(new[] { '=' }, 2))
            .Select(parts => new ParameterChange(parts[0], Split(parts.Length > 1 ? parts[1] : string.Empty, ',').Select(CaptureName.Parse).ToEquatableArray()))
            .ToEquatableArray());

    private static string[] Split(string text, char separator) =>
        text.Length == 0 ? [] : text.Split(separator);
}

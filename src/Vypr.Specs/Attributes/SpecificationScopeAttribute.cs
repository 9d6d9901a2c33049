using System;
using System.ComponentModel;

namespace Vypr;

/// <summary>
/// Written by Vypr's source generator into an assembly that declares fluent specifications: one per
/// specification, so that the generator of another project (a test project) that calls the scoped method weaves
/// the scope's probes into those calls too. Not meant to be written by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class SpecificationScopeAttribute : Attribute
{
    /// <summary>Describes one specification's scope.</summary>
    /// <param name="specificationKey">The specification member's documentation comment ID.</param>
    /// <param name="scopeKey">The scoped method's documentation comment ID.</param>
    /// <param name="scopeCaptures">What a call of the scoped method captures for its own event, comma-separated.</param>
    /// <param name="parameterChanges">Parameters observed at entry, <c>name=capture,capture</c>, separated by semicolons.</param>
    public SpecificationScopeAttribute(string specificationKey, string scopeKey, string scopeCaptures, string parameterChanges)
    {
        SpecificationKey = specificationKey;
        ScopeKey = scopeKey;
        ScopeCaptures = scopeCaptures;
        ParameterChanges = parameterChanges;
    }

    /// <summary>The specification member's documentation comment ID.</summary>
    public string SpecificationKey { get; }

    /// <summary>The scoped method's documentation comment ID.</summary>
    public string ScopeKey { get; }

    /// <summary>What a call of the scoped method captures for its own event, comma-separated.</summary>
    public string ScopeCaptures { get; }

    /// <summary>Parameters observed at entry, <c>name=capture,capture</c>, separated by semicolons.</summary>
    public string ParameterChanges { get; }
}

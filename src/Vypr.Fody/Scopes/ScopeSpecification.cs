using System.Collections.Generic;

namespace Vypr.Fody.Scopes;

/// <summary>
/// What one fluent specification records in the body of its scoped method, as the source generator described it
/// (assembly metadata <c>Vypr.WovenScope</c>, written by its RegistrationWriter): the generator is the one reader of
/// specifications, the weaver only places what it was told to record.
/// </summary>
internal sealed class ScopeSpecification
{
    public ScopeSpecification(string key, string scopeKey, IReadOnlyList<Capture> scopeCaptures)
    {
        Key = key;
        ScopeKey = scopeKey;
        ScopeCaptures = scopeCaptures;
    }

    /// <summary>The specification member's documentation comment ID.</summary>
    public string Key { get; }

    /// <summary>The scoped method's documentation comment ID (Roslyn's, as DocumentationId writes it).</summary>
    public string ScopeKey { get; }

    /// <summary>What the invocation's own event captures.</summary>
    public IReadOnlyList<Capture> ScopeCaptures { get; }

    /// <summary>Parameters observed at entry, by name.</summary>
    public List<ObservedVariable> Parameters { get; } = [];

    /// <summary>Quantified calls, by target.</summary>
    public List<ObservedCall> Calls { get; } = [];

    /// <summary>Parameters, locals and fields whose writes in the body are observed, by name.</summary>
    public List<ObservedVariable> Changes { get; } = [];
}


using System.Collections.Generic;

namespace Vypr.Fody.Scopes;

/// <summary>A method whose calls in a scoped method's body a specification quantifies over: what its point is registered with and captures.</summary>
internal sealed class ObservedCall
{
    public ObservedCall(string targetKey, string method, string declaringType, IReadOnlyList<Capture> captures)
    {
        TargetKey = targetKey;
        Method = method;
        DeclaringType = declaringType;
        Captures = captures;
    }

    /// <summary>The called method's documentation comment ID (Roslyn's, as DocumentationId writes it).</summary>
    public string TargetKey { get; }

    public string Method { get; }

    /// <summary>The declaring types the point is registered with, separated by <c>|</c>.</summary>
    public string DeclaringType { get; }

    public IReadOnlyList<Capture> Captures { get; }
}

using System.Collections.Generic;

namespace Vypr.Fody.Scopes;

/// <summary>A variable (parameter, local or field) observed by a specification, and what its change events capture.</summary>
internal sealed class ObservedVariable
{
    public ObservedVariable(string name, IReadOnlyList<Capture> captures)
    {
        Name = name;
        Captures = captures;
    }

    public string Name { get; }

    public IReadOnlyList<Capture> Captures { get; }
}

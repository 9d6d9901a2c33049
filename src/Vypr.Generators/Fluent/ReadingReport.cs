using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Vypr.Generators;

/// <summary>
/// Collects what is wrong with one fluent specification while it is read. The generator only needs to know whether
/// there was an error (it then skips the specification); the analyzer wants every diagnostic, warnings included.
/// </summary>
internal sealed class ReadingReport
{
    private readonly List<Diagnostic>? _diagnostics;

    public ReadingReport(List<Diagnostic>? diagnostics, string specification)
    {
        _diagnostics = diagnostics;
        Specification = specification;
    }

    /// <summary>The specification member, readable, for messages.</summary>
    public string Specification { get; }

    /// <summary>True once an error was found: the specification is not turned into a model.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>True when warnings are wanted too; the generator skips the checks that can only warn.</summary>
    public bool WantsWarnings => _diagnostics is not null;

    public void Add(DiagnosticDescriptor descriptor, Location location, params object?[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }

        _diagnostics?.Add(Diagnostic.Create(descriptor, location, arguments));
    }

    public void Add(DiagnosticDescriptor descriptor, SyntaxNode node, params object?[] arguments) =>
        Add(descriptor, node.GetLocation(), arguments);
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vypr.Generators.Analyzers;

namespace Vypr.Generators;

/// <summary>
/// The method a fluent specification is scoped to, and what its body holds as <see cref="ScopeBody"/> sees it:
/// the calls and the variable writes the quantifiers range over. Body queries run once and are kept.
/// </summary>
internal sealed class ScopedMethod
{
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, IReadOnlyList<ISymbol>> _variables = [];
    private List<(SyntaxNode Body, SemanticModel Model)>? _bodies;
    private List<(InvocationExpressionSyntax Syntax, IMethodSymbol Target, SemanticModel Model)>? _invocations;
    private List<ScopeAssignment>? _assignments;

    private ScopedMethod(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        Method = method;
        _compilation = compilation;
        _cancellationToken = cancellationToken;
        Display = method.ToDisplayString(SymbolFormats.Display);
    }

    /// <summary>The scoped method; for a partial method, the part with the body.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The scoped method, readable.</summary>
    public string Display { get; }

    public IReadOnlyList<(SyntaxNode Body, SemanticModel Model)> Bodies =>
        _bodies ??= ScopeBody.Bodies(Method, _compilation, _cancellationToken).ToList();

    public IReadOnlyList<(InvocationExpressionSyntax Syntax, IMethodSymbol Target, SemanticModel Model)> Invocations =>
        _invocations ??= ScopeBody.Invocations(Method, _compilation, _cancellationToken).ToList();

    public IReadOnlyList<ScopeAssignment> Assignments =>
        _assignments ??= ScopeBody.Assignments(Method, _compilation, _cancellationToken).ToList();

    public Compilation Compilation => _compilation;

    /// <summary>
    /// Finds the method <c>Specification.For&lt;T&gt;(name, typeof(P1), ...)</c> names, or reports why there is no
    /// single ordinary method with a body in this project.
    /// </summary>
    /// <param name="type">The <c>T</c> of <c>For&lt;T&gt;</c>.</param>
    /// <param name="name">The method name.</param>
    /// <param name="parameterTypes">The typeof list, or null when none was given.</param>
    /// <param name="where">The name argument, where problems are reported.</param>
    /// <param name="compilation">The compilation the specification is in.</param>
    /// <param name="report">Where problems go.</param>
    /// <param name="cancellationToken">Cancels the body queries.</param>
    /// <returns>The scope, or null after a reported error.</returns>
    public static ScopedMethod? Resolve(
        INamedTypeSymbol type,
        string name,
        IReadOnlyList<ITypeSymbol>? parameterTypes,
        SyntaxNode where,
        Compilation compilation,
        ReadingReport report,
        CancellationToken cancellationToken)
    {
        // typeof(Validator<>) has no members of its own: it names the generic definition, whose methods are those
        // of every instantiation. A closed form (For<Validator<object>>) means the same: scopes are keyed by the
        // method's definition, so either form is woven in every instantiation (docs/spec-language.md). The closed
        // form's parameter types are matched as written; the scope is then the definition (below), so every name
        // the scope is shown by says what it covers.
        if (type.IsUnboundGenericType)
        {
            type = type.OriginalDefinition;
        }

        string typeName = DslTypes.Display(type);
        ImmutableArray<ISymbol> members = type.GetMembers(name);
        if (members.Length == 0)
        {
            INamedTypeSymbol? declaring = type.BaseType is null
                ? null
                : DslTypes.Hierarchy(type.BaseType).OfType<INamedTypeSymbol>().FirstOrDefault(t => t.GetMembers(name).OfType<IMethodSymbol>().Any());
            report.Add(
                DiagnosticDescriptors.UnresolvedScope,
                where,
                report.Specification,
                declaring is null
                    ? $"'{typeName}' declares no method named '{name}'"
                    : $"'{typeName}' declares no method named '{name}'; it inherits it from '{DslTypes.Display(declaring)}': write For<{DslTypes.Display(declaring)}>(...)");
            return null;
        }

        IMethodSymbol[] methods = members.OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToArray();
        if (methods.Length == 0)
        {
            report.Add(DiagnosticDescriptors.UnresolvedScope, where, report.Specification, $"'{typeName}.{name}' is {KindOf(members[0])}, not an ordinary method");
            return null;
        }

        IMethodSymbol[] chosen = parameterTypes is null
            ? methods
            : methods.Where(m => ParametersMatch(m, parameterTypes)).ToArray();
        string candidates = string.Join(", ", methods.Select(m => "'" + m.ToDisplayString(SymbolFormats.Display) + "'"));
        if (chosen.Length == 0)
        {
            string wanted = string.Join(", ", parameterTypes!.Select(DslTypes.Display));
            report.Add(
                DiagnosticDescriptors.UnresolvedScope,
                where,
                report.Specification,
                $"no overload of '{typeName}.{name}' has the parameter types ({wanted}); the candidates are {candidates}");
            return null;
        }

        if (chosen.Length > 1)
        {
            report.Add(
                DiagnosticDescriptors.UnresolvedScope,
                where,
                report.Specification,
                $"'{typeName}.{name}' is overloaded; add the parameter types to choose one, as in {ForExample(type, typeName, name)}: the candidates are {candidates}");
            return null;
        }

        // The definition (Validator<T>.Validate(Context<T>)), not the instantiation the specification was written with:
        // the scope covers every instantiation, and its name in diagnostics, reports and results must say so.
        IMethodSymbol definition = chosen[0].OriginalDefinition;
        IMethodSymbol method = definition.PartialImplementationPart ?? definition;
        string? noBody = method switch
        {
            { IsAbstract: true, ContainingType.TypeKind: TypeKind.Interface } => "an interface member without a body",
            { IsAbstract: true } => "abstract",
            { IsExtern: true } => "extern",
            { IsPartialDefinition: true } => "a partial method without an implementation",
            { DeclaringSyntaxReferences.Length: 0 } => "declared in another assembly; its body can only be woven by the project that declares it, so put the specification there",
            _ => null,
        };
        if (noBody is null && !ScopeBody.Bodies(method, compilation, cancellationToken).Any())
        {
            noBody = "without a body";
        }

        if (noBody is not null)
        {
            report.Add(
                DiagnosticDescriptors.UnresolvedScope,
                where,
                report.Specification,
                $"'{method.ToDisplayString(SymbolFormats.Display)}' is {noBody}; a specification is scoped to an ordinary method with a body");
            return null;
        }

        return new ScopedMethod(method, compilation, cancellationToken);
    }

    // A static class cannot be a type argument (CS0718): its methods are scoped with For(typeof(T), ...).
    private static string ForExample(INamedTypeSymbol type, string typeName, string name) => type.IsStatic
        ? $"For(typeof({typeName}), nameof({typeName}.{name}), typeof(...))"
        : $"For<{typeName}>(nameof({typeName}.{name}), typeof(...))";

    /// <summary>
    /// True when a call of <paramref name="target"/> is one a call quantifier over <paramref name="method"/> of
    /// <paramref name="type"/> (any type when null) ranges over. Lenient on purpose: a call through a base type or an
    /// interface, or of an inherited method, may reach <paramref name="type"/>'s method.
    /// </summary>
    public static bool Matches(IMethodSymbol target, string method, INamedTypeSymbol? type)
    {
        IMethodSymbol called = (target.ReducedFrom ?? target).OriginalDefinition;
        if (called.Name != method)
        {
            return false;
        }

        if (type is null)
        {
            return true;
        }

        INamedTypeSymbol wanted = type.OriginalDefinition;
        INamedTypeSymbol declaring = called.ContainingType.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(declaring, wanted)
            || DslTypes.Hierarchy(wanted).Any(t => SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, declaring))
            || wanted.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, declaring)))
        {
            return true;
        }

        for (IMethodSymbol? overridden = called.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.ContainingType.OriginalDefinition, wanted))
            {
                return true;
            }
        }

        return DslTypes.Hierarchy(declaring).Any(t => SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, wanted));
    }

    /// <summary>Every member named <paramref name="method"/> that <paramref name="type"/> declares, inherits or gets from its interfaces.</summary>
    public static IEnumerable<ISymbol> MembersNamed(INamedTypeSymbol type, string method) =>
        DslTypes.Hierarchy(type).Concat(type.AllInterfaces).SelectMany(t => t.GetMembers(method));

    /// <summary>How a member that is not an ordinary method shows in messages: "a property", "an operator"...</summary>
    public static string KindOf(ISymbol member) => member switch
    {
        IPropertySymbol { IsIndexer: true } => "an indexer",
        IPropertySymbol => "a property",
        IFieldSymbol => "a field",
        IEventSymbol => "an event",
        INamedTypeSymbol => "a nested type",
        IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } => "a constructor",
        IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator or MethodKind.Conversion } => "an operator",
        IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } => "a property accessor",
        IMethodSymbol { MethodKind: MethodKind.Destructor } => "a finalizer",
        _ => "not a method",
    };

    /// <summary>
    /// The methods whose calls a call slot may bind, to check what it measures: the methods named
    /// <paramref name="method"/> of <paramref name="type"/>, or, for any type, the ones the body calls.
    /// </summary>
    public IReadOnlyList<IMethodSymbol> Candidates(string method, INamedTypeSymbol? type)
    {
        if (type is not null)
        {
            return MembersNamed(type, method).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        }

        var found = new List<IMethodSymbol>();
        foreach ((_, IMethodSymbol target, _) in Invocations)
        {
            if (target.Name == method)
            {
                found.Add(target);
                if (target.ReducedFrom is { } extension)
                {
                    found.Add(extension);
                }
            }
        }

        return found.Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).ToList();
    }

    /// <summary>The parameter, locals or fields named <paramref name="name"/> that a change quantifier can mean.</summary>
    public IReadOnlyList<ISymbol> Variables(string name)
    {
        if (!_variables.TryGetValue(name, out IReadOnlyList<ISymbol>? found))
        {
            found = FindVariables(name);
            _variables[name] = found;
        }

        return found;
    }

    private IReadOnlyList<ISymbol> FindVariables(string name)
    {
        if (Method.Parameters.FirstOrDefault(p => p.Name == name) is { } parameter)
        {
            return [parameter];
        }

        var found = new List<ISymbol>();
        foreach ((SyntaxNode body, SemanticModel model) in Bodies)
        {
            foreach (SyntaxNode node in ScopeBody.DirectNodes(body))
            {
                if (IsLocalDeclaration(node, name) && model.GetDeclaredSymbol(node, _cancellationToken) is ILocalSymbol local)
                {
                    found.Add(local);
                }
            }
        }

        if (found.Count == 0 && Bodies.Count > 0)
        {
            (SyntaxNode body, SemanticModel model) = Bodies[0];
            found.AddRange(model.LookupSymbols(body.SpanStart, name: name).OfType<IFieldSymbol>());
        }

        return found;
    }

    /// <summary>A member named <paramref name="name"/> that is in scope but is not a variable (a property, say), for a helpful message.</summary>
    public ISymbol? NonVariableNamed(string name)
    {
        if (Bodies.Count == 0)
        {
            return null;
        }

        (SyntaxNode body, SemanticModel model) = Bodies[0];
        return model.LookupSymbols(body.SpanStart, name: name).FirstOrDefault(s => s is not (IFieldSymbol or ILocalSymbol or IParameterSymbol));
    }

    private static bool IsLocalDeclaration(SyntaxNode node, string name) => node switch
    {
        VariableDeclaratorSyntax declarator => declarator.Identifier.ValueText == name,
        SingleVariableDesignationSyntax designation => designation.Identifier.ValueText == name,
        ForEachStatementSyntax loop => loop.Identifier.ValueText == name,
        CatchDeclarationSyntax caught => caught.Identifier.ValueText == name,
        _ => false,
    };

    private static bool ParametersMatch(IMethodSymbol method, IReadOnlyList<ITypeSymbol> types)
    {
        if (method.Parameters.Length != types.Count)
        {
            return false;
        }

        for (int i = 0; i < types.Count; i++)
        {
            ITypeSymbol actual = method.Parameters[i].Type;
            ITypeSymbol wanted = types[i];
            bool same = SymbolEqualityComparer.Default.Equals(actual, wanted)

                // typeof(List<>) names every List<T>, as the runtime's type names do.
                || (wanted is INamedTypeSymbol { IsUnboundGenericType: true } unbound
                    && SymbolEqualityComparer.Default.Equals(actual.OriginalDefinition, unbound.OriginalDefinition));
            if (!same)
            {
                return false;
            }
        }

        return true;
    }
}

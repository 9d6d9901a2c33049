using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vypr.Formulas;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Decides what each call records for fluent specifications: calls of a scoped method begin and end invocations;
/// calls written in a scoped method's body record the calls and changes the specifications quantify over.
/// </summary>
internal sealed class RolePlanner
{
    private readonly Compilation _compilation;
    private readonly List<string> _scopeKeys = [];
    private readonly Dictionary<string, List<ScopeCallContract>> _contractsByScope = new(StringComparer.Ordinal);
    private int _points;

    /// <param name="compilation">The compilation.</param>
    /// <param name="contracts">The contracts of every specification whose scoped method this compilation may call.</param>
    /// <param name="wovenScopes">Scoped methods that the IL backend weaves in their own bodies: their calls and bodies get no interceptors.</param>
    public RolePlanner(Compilation compilation, IEnumerable<ScopeCallContract> contracts, ICollection<string> wovenScopes)
    {
        _compilation = compilation;
        foreach (ScopeCallContract contract in contracts)
        {
            if (wovenScopes.Contains(contract.ScopeKey))
            {
                continue;
            }

            if (!_contractsByScope.TryGetValue(contract.ScopeKey, out List<ScopeCallContract>? list))
            {
                _contractsByScope.Add(contract.ScopeKey, list = []);
            }

            list.Add(contract);
        }
    }

    /// <summary>The scoped methods referred to so far; field <c>Scope{i+1}</c> holds entry i's ID.</summary>
    public IReadOnlyList<string> ScopeKeys => _scopeKeys;

    /// <summary>What a call site of a specification's scoped method records, and what a referencing compilation reads back.</summary>
    public static ScopeCallContract ContractOf(FluentSpecification specification)
    {
        IEnumerable<CaptureName> scopeCaptures = specification.Slots
            .Where(s => s.Kind == SlotKind.ScopeCalls)
            .SelectMany(s => s.Captures)
            .Distinct()
            .OrderBy(c => c);
        IEnumerable<ParameterChange> parameterChanges = specification.Slots
            .Where(s => s.Kind == SlotKind.Changes && s.Variable is not null && specification.ScopeCaptures.Contains(CaptureName.Argument(s.Variable!)))
            .GroupBy(s => s.Variable!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ParameterChange(g.Key, g.SelectMany(s => s.Captures).Distinct().OrderBy(c => c).ToEquatableArray()));
        return new ScopeCallContract(
            specification.Key,
            specification.ScopeKey,
            specification.ScopeName,
            scopeCaptures.ToEquatableArray(),
            parameterChanges.ToEquatableArray());
    }

    /// <summary>Reads the contracts that referenced assemblies publish for the specifications they declare.</summary>
    public static EquatableArray<ScopeCallContract> FromReferences(Compilation compilation, CancellationToken cancellationToken)
    {
        var found = new List<ScopeCallContract>();
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!MonitoredMethodReader.ReferencesSpecs(assembly))
            {
                continue;
            }

            foreach (AttributeData attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == KnownNames.SpecificationScopeAttribute
                    && attribute.ConstructorArguments.Length == 4
                    && attribute.ConstructorArguments.All(a => a.Value is string)
                    && DocumentationCommentId.GetFirstSymbolForDeclarationId((string)attribute.ConstructorArguments[1].Value!, compilation) is IMethodSymbol scope
                    && !Weaving.IsWoven(scope.ContainingAssembly))
                {
                    // A scoped method of an assembly woven by IL begins its invocations in its own body: calling it
                    // here records nothing more, or every invocation would begin twice.
                    found.Add(ScopeCallContract.Parse(
                        (string)attribute.ConstructorArguments[0].Value!,
                        (string)attribute.ConstructorArguments[1].Value!,
                        scope.Name,
                        (string)attribute.ConstructorArguments[2].Value!,
                        (string)attribute.ConstructorArguments[3].Value!));
                }
            }
        }

        return found.OrderBy(c => c.SpecificationKey, StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>True when <paramref name="target"/> is the scoped method of some specification.</summary>
    public bool IsScope(IMethodSymbol target) =>
        _contractsByScope.Count > 0
        && DocumentationCommentId.CreateDeclarationId((target.ReducedFrom ?? target).OriginalDefinition) is { } key
        && _contractsByScope.ContainsKey(key);

    /// <summary>The role of a call of <paramref name="target"/> as a call of a scoped method, or null when it is none.</summary>
    public CallRole? ScopeRole(IMethodSymbol target, InvocationExpressionSyntax invocation)
    {
        string? key = DocumentationCommentId.CreateDeclarationId((target.ReducedFrom ?? target).OriginalDefinition);
        if (key is null || !_contractsByScope.TryGetValue(key, out List<ScopeCallContract>? contracts))
        {
            return null;
        }

        var points = new List<PointModel>();
        foreach (ScopeCallContract contract in contracts)
        {
            points.Add(Point(PointKind.ScopeCall, contract.SpecificationKey, null, null, null, contract.ScopeCaptures));
            foreach (ParameterChange change in contract.ParameterChanges)
            {
                points.Add(Point(PointKind.Change, contract.SpecificationKey, null, null, change.Variable, change.Captures));
            }
        }

        return new CallRole(true, ScopeField(key), points.ToEquatableArray(), RunsOnCallingThread((target.ReducedFrom ?? target).OriginalDefinition));
    }

    /// <summary>
    /// What the IL weaver records for a specification whose scoped method it weaves: the contract of its calls, the
    /// targets of the quantified calls written in its body, and the variables whose writes in the body it observes.
    /// </summary>
    public WovenScope WovenScopeOf(FluentSpecification specification, CancellationToken cancellationToken)
    {
        ScopeCallContract contract = ContractOf(specification);
        var calls = new Dictionary<string, WovenCall>(StringComparer.Ordinal);
        if (DocumentationCommentId.GetFirstSymbolForDeclarationId(specification.ScopeKey, _compilation) is IMethodSymbol scope)
        {
            foreach ((_, IMethodSymbol target, _) in ScopeBody.Invocations(scope, _compilation, cancellationToken))
            {
                SlotModel[] slots = specification.Slots.Where(s => s.Kind == SlotKind.Calls && Matches(target, s)).ToArray();
                IMethodSymbol called = (target.ReducedFrom ?? target).OriginalDefinition;
                if (slots.Length == 0 || DocumentationCommentId.CreateDeclarationId(called) is not { } key || calls.ContainsKey(key))
                {
                    continue;
                }

                calls.Add(key, new WovenCall(
                    key,
                    called.Name,
                    DeclaringTypes(called, slots),
                    slots.SelectMany(s => s.Captures).Distinct().OrderBy(c => c).ToEquatableArray()));
            }
        }

        // Parameters too: their values at entry are the contract's, their writes in the body are changes like any other.
        IEnumerable<ParameterChange> changes = specification.Slots
            .Where(s => s.Kind == SlotKind.Changes && s.Variable is not null)
            .GroupBy(s => s.Variable!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ParameterChange(g.Key, g.SelectMany(s => s.Captures).Distinct().OrderBy(c => c).ToEquatableArray()));
        return new WovenScope(contract, calls.Values.OrderBy(c => c.TargetKey, StringComparer.Ordinal).ToEquatableArray(), changes.ToEquatableArray());
    }

    // Whether the calls written in the method's body run on the calling thread while the call lasts: not after an
    // await (async), not when the caller enumerates (iterator), not in an override the call may dispatch to. A
    // method from another assembly says it is async or an iterator by its state-machine attribute.
    private static bool RunsOnCallingThread(IMethodSymbol method)
    {
        IMethodSymbol body = method.PartialImplementationPart ?? method;
        if (body.IsAsync || IsIterator(body) || body.IsVirtual || body.IsAbstract || (body.IsOverride && !body.IsSealed)
            || body.ContainingType.TypeKind == TypeKind.Interface)
        {
            return false;
        }

        foreach (AttributeData attribute in body.GetAttributes())
        {
            if (attribute.AttributeClass is { ContainingNamespace: { } ns } type && ns.ToDisplayString() == "System.Runtime.CompilerServices"
                && type.Name is "AsyncStateMachineAttribute" or "IteratorStateMachineAttribute" or "AsyncIteratorStateMachineAttribute")
            {
                return false;
            }
        }

        return true;
    }

    // A method declared in this compilation is an iterator when its own body (not a lambda's) yields; one from
    // another assembly carries a state-machine attribute instead (checked by the caller).
    private static bool IsIterator(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax() is BaseMethodDeclarationSyntax declaration
            && ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody) is { } body
            && ScopeBody.DirectNodes(body).OfType<YieldStatementSyntax>().Any());

    /// <summary>The roles of the calls written in the body of each declared specification's scoped method.</summary>
    public Dictionary<InvocationExpressionSyntax, (IMethodSymbol Target, SemanticModel Model, CallRole Role)> InnerRoles(
        IEnumerable<FluentSpecification> declared, CancellationToken cancellationToken)
    {
        var roles = new Dictionary<InvocationExpressionSyntax, (IMethodSymbol, SemanticModel, List<PointModel>, string)>();
        foreach (FluentSpecification specification in declared)
        {
            if (DocumentationCommentId.GetFirstSymbolForDeclarationId(specification.ScopeKey, _compilation) is not IMethodSymbol scope)
            {
                continue;
            }

            var assignments = ScopeBody.Assignments(scope, _compilation, cancellationToken)
                .Where(a => a.FromCall is not null)
                .ToLookup(a => a.FromCall!);
            foreach ((InvocationExpressionSyntax invocation, IMethodSymbol target, SemanticModel model) in ScopeBody.Invocations(scope, _compilation, cancellationToken))
            {
                var points = new List<PointModel>();
                SlotModel[] calls = specification.Slots.Where(s => s.Kind == SlotKind.Calls && Matches(target, s)).ToArray();
                if (calls.Length > 0)
                {
                    IMethodSymbol called = (target.ReducedFrom ?? target).OriginalDefinition;
                    points.Add(Point(PointKind.Call, specification.Key, called.Name, DeclaringTypes(called, calls), null, calls.SelectMany(s => s.Captures)));
                }

                foreach (IGrouping<string, SlotModel> changes in specification.Slots
                    .Where(s => s.Kind == SlotKind.Changes && assignments[invocation].Any(a => a.Variable == s.Variable))
                    .GroupBy(s => s.Variable!, StringComparer.Ordinal))
                {
                    points.Add(Point(PointKind.Change, specification.Key, null, null, changes.Key, changes.SelectMany(s => s.Captures)));
                }

                if (points.Count == 0)
                {
                    continue;
                }

                if (!roles.TryGetValue(invocation, out var role))
                {
                    role = (target, model, [], ScopeField(specification.ScopeKey));
                    roles.Add(invocation, role);
                }

                role.Item3.AddRange(points);
            }
        }

        return roles.ToDictionary(
            r => r.Key,
            r => (r.Value.Item1, r.Value.Item2, new CallRole(false, r.Value.Item4, r.Value.Item3.ToEquatableArray())));
    }

    // The called method's own type and the types its slots name (a base or an interface it implements), so the
    // monitor matches the call to every slot it satisfies.
    private static string DeclaringTypes(IMethodSymbol called, IEnumerable<SlotModel> slots) =>
        string.Join("|", new[] { DslTypes.RuntimeFullName(called.ContainingType) }
            .Concat(slots.Select(s => s.DeclaringType))
            .Where(t => t is not null)
            .Distinct(StringComparer.Ordinal));

    private bool Matches(IMethodSymbol target, SlotModel slot)
    {
        if (slot.Method is null)
        {
            return false;
        }

        INamedTypeSymbol? type = slot.DeclaringType is null ? null : _compilation.GetTypeByMetadataName(slot.DeclaringType);
        return (slot.DeclaringType is null || type is not null) && ScopedMethod.Matches(target, slot.Method, type);
    }

    private PointModel Point(PointKind kind, string specificationKey, string? method, string? declaringType, string? variable, IEnumerable<CaptureName> captures) =>
        new("Point" + ++_points, kind, specificationKey, method, declaringType, variable,
            captures.Distinct().OrderBy(c => c).ToEquatableArray());

    private string ScopeField(string scopeKey)
    {
        int index = _scopeKeys.IndexOf(scopeKey);
        if (index < 0)
        {
            _scopeKeys.Add(scopeKey);
            index = _scopeKeys.Count - 1;
        }

        return "Scope" + (index + 1);
    }
}

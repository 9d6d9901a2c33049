using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Decides which invocations reach a monitored method and how each is intercepted. The syntactic half runs on
/// every invocation and only extracts a name; the semantic half runs on the few whose name matches.
/// </summary>
internal static class CallSitePlanner
{
    /// <summary>The syntactic pre-filter: an invocation whose invoked name can be read without semantics.</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
        node is InvocationExpressionSyntax invocation && InvokedName(invocation) is not null;

    /// <summary>The candidate model of an invocation: its name and position only.</summary>
    public static CallCandidate ToCandidate(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        return new CallCandidate(InvokedName(invocation)!, invocation.SyntaxTree.FilePath, invocation.SpanStart, invocation.Span.Length);
    }

    /// <summary>Where a diagnostic about a call points: the called name (<c>Hash</c> in <c>x.Hash(y)</c>), or the whole callee expression.</summary>
    public static Location InvokedNameLocation(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.GetLocation(),
        MemberBindingExpressionSyntax binding => binding.Name.GetLocation(),
        _ => invocation.Expression.GetLocation(),
    };

    /// <summary>The simple name an invocation calls (<c>Hash</c> in <c>x.Hash(y)</c>, <c>x?.Hash(y)</c>, <c>Hash&lt;T&gt;(y)</c>).</summary>
    public static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The names that can reach a monitored method: its own and those of the members it implements or overrides.</summary>
    public static EquatableArray<string> NamesOf(ImmutableArray<MonitoredMethod> monitored) =>
        monitored.SelectMany(m => m.DispatchNames.Concat(new[] { m.Name }))
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>
    /// Resolves the candidates whose name matched and plans an interceptor for each that reaches a monitored or
    /// scoped method, and for each call in a scoped method's body that a fluent specification talks about.
    /// </summary>
    public static InterceptionPlan Plan(
        ImmutableArray<CallCandidate> candidates,
        ImmutableArray<MonitoredMethod> monitored,
        ImmutableArray<FluentSpecification> formulas,
        ImmutableArray<ScopeCallContract> referencedContracts,
        Compilation compilation,
        CancellationToken cancellationToken,
        string weaving = Weaving.Interceptors)
    {
        var index = new MonitoredIndex(monitored);
        var trees = new Dictionary<string, SyntaxTree>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            trees[tree.FilePath] = tree;
        }

        // Specifications this assembly registers, in field order: its own first, then those its calls reach.
        var specifications = new List<MonitoredMethod>();
        var specificationFields = new Dictionary<string, string>();
        string FieldFor(MonitoredMethod method)
        {
            if (!specificationFields.TryGetValue(method.Key, out string? field))
            {
                specifications.Add(method);
                field = "Spec" + specifications.Count;
                specificationFields.Add(method.Key, field);
            }

            return field;
        }

        foreach (MonitoredMethod declared in monitored.Where(m => m.DeclaredInSource).OrderBy(m => m.Key, System.StringComparer.Ordinal))
        {
            FieldFor(declared);
        }

        ScopeCallContract[] declaredContracts = formulas.Select(RolePlanner.ContractOf).ToArray();
        HashSet<string> wovenScopes = Weaving.WovenScopes(formulas.Select(f => f.ScopeKey), compilation, weaving);
        var formulaPlanner = new RolePlanner(compilation, declaredContracts.Concat(referencedContracts), wovenScopes);
        var sites = new Dictionary<InvocationExpressionSyntax, Site>();
        var models = new Dictionary<SyntaxTree, SemanticModel>();
        var reachedByTarget = new Dictionary<IMethodSymbol, Reach>(SymbolEqualityComparer.Default);
        foreach (var inner in formulaPlanner.InnerRoles(formulas.Where(f => !wovenScopes.Contains(f.ScopeKey)), cancellationToken))
        {
            sites.Add(inner.Key, new Site(inner.Value.Target, inner.Value.Model) { Roles = { inner.Value.Role } });
        }

        foreach (CallCandidate candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!trees.TryGetValue(candidate.FilePath, out SyntaxTree? tree)
                || tree.GetRoot(cancellationToken).FindNode(new TextSpan(candidate.SpanStart, candidate.SpanLength), getInnermostNodeForTie: true)
                    .FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation)
            {
                continue;
            }

            // One semantic model per tree: a fresh model per call would bind the enclosing member again each time.
            // Without nullable analysis (see BindingModels): the same targets, for a tenth of the binding.
            if (!models.TryGetValue(tree, out SemanticModel? model))
            {
                models.Add(tree, model = BindingModels.WithoutNullableAnalysis(compilation, tree));
            }

            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol target)
            {
                continue;
            }

            // What a target reaches depends on the target only: looked up once per target, not once per call.
            if (!reachedByTarget.TryGetValue(target, out Reach? known))
            {
                known = new Reach(index.Reached(target, compilation), index.Unreached(target, compilation), formulaPlanner.IsScope(target));
                reachedByTarget.Add(target, known);
            }

            List<(MonitoredMethod Method, string? RuntimeType)> reached = known.Reached;
            List<(MonitoredMethod Method, WeavingRefusal Refusal)> unreached = known.Unreached;
            CallRole? scopeRole = known.IsScope ? formulaPlanner.ScopeRole(target, invocation) : null;
            if (reached.Count == 0 && unreached.Count == 0 && scopeRole is null)
            {
                continue;
            }

            if (!sites.TryGetValue(invocation, out Site? site))
            {
                sites.Add(invocation, site = new Site(target, model));
            }

            site.Reached = reached;
            site.Unreached = unreached;
            if (scopeRole is not null)
            {
                site.Roles.Insert(0, scopeRole);
            }
        }

        // Calls of one method through one symbol share everything but their place: the signature is checked and
        // described once per target, not once per call (thousands of calls reach a few dozen targets).
        // Nullability included: Same<string> and Same<string?> are one symbol to the default comparer, but each
        // needs an interceptor naming its own type argument (CS9159).
        var shapes = new Dictionary<IMethodSymbol, (WeavingRefusal? Problem, InterceptedCall? Shape)>(SymbolEqualityComparer.IncludeNullability);
        var callers = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
        var calls = new List<InterceptedCall>();
        var woven = new List<WovenSite>();
        var unwoven = new Dictionary<string, (MonitoredMethod Method, int CallSites)>();
        void NotWoven(MonitoredMethod method) =>
            unwoven[method.Key] = (method, unwoven.TryGetValue(method.Key, out var known) ? known.CallSites + 1 : 1);
        var unwovenRoles = new Dictionary<string, int>(System.StringComparer.Ordinal);
        void RoleNotWoven(CallRole role)
        {
            foreach (string key in role.Points.Select(p => p.SpecificationKey).Distinct())
            {
                unwovenRoles[key] = unwovenRoles.TryGetValue(key, out int known) ? known + 1 : 1;
            }
        }

        int siteCount = 0;
        foreach (KeyValuePair<InvocationExpressionSyntax, Site> entry in sites
            .OrderBy(s => s.Key.SyntaxTree.FilePath, System.StringComparer.Ordinal)
            .ThenBy(s => s.Key.SpanStart))
        {
            cancellationToken.ThrowIfCancellationRequested();
            (InvocationExpressionSyntax invocation, Site site) = (entry.Key, entry.Value);
            SiteReport siteReport = SiteReport.Of(invocation, site.Target, site.Model, woven);
            foreach ((MonitoredMethod method, WeavingRefusal refusal) in site.Unreached)
            {
                siteReport.NotWoven(method.Display, refusal);
                NotWoven(method);
            }

            InterceptableLocation? location = site.Model.GetInterceptableLocation(invocation, cancellationToken);
            if (!shapes.TryGetValue(site.Target, out (WeavingRefusal? Problem, InterceptedCall? Shape) shape))
            {
                (WeavingRefusal? problem, InterceptorHost? host) = SignatureOf(site.Target, compilation);
                shape = (problem, problem is null ? Shape(site.Target, compilation) with { Host = host } : null);
                shapes.Add(site.Target, shape);
            }

            if ((PlaceProblem(invocation, location, site.Model, cancellationToken) ?? shape.Problem ?? HostedRolesProblem(shape.Shape!, site.Roles)) is { } refused)
            {
                foreach ((MonitoredMethod method, _) in site.Reached)
                {
                    siteReport.NotWoven(method.Display, refused);
                    NotWoven(method);
                }

                foreach (CallRole role in site.Roles)
                {
                    siteReport.NotWoven(RoleOf(role, site.Target), refused);
                    RoleNotWoven(role);
                }

                continue;
            }

            if (site.Reached.Count == 0 && site.Roles.Count == 0)
            {
                continue;
            }

            foreach ((MonitoredMethod method, string? runtimeType) in site.Reached)
            {
                siteReport.Woven(method.Display, runtimeType is null
                    ? "intercepted"
                    : $"intercepted; timed when the receiver is a '{method.ContainingType.Replace("global::", string.Empty)}'");
            }

            foreach (CallRole role in site.Roles)
            {
                siteReport.Woven(RoleOf(role, site.Target), "intercepted");
            }

            var targets = new List<MonitoredTarget>();
            foreach ((MonitoredMethod method, string? runtimeType) in site.Reached)
            {
                targets.Add(new MonitoredTarget(method.Key, "Site" + ++siteCount, FieldFor(method), runtimeType));
            }

            calls.Add(Place(shape.Shape!, invocation, location!, site.Model, targets, site.Roles, callers));
        }

        // Registered with the runtime, so a method whose calls all went unwoven is not reported as "not reached".
        UnwovenCalls[] unwovenCalls = unwoven.Values
            .OrderBy(u => u.Method.Key, System.StringComparer.Ordinal)
            .Select(u => new UnwovenCalls(FieldFor(u.Method), u.CallSites))
            .ToArray();
        return new InterceptionPlan(
            compilation.AssemblyName ?? "unknown",
            specifications.ToEquatableArray(),
            calls.ToEquatableArray(),
            formulas.OrderBy(f => f.Key, System.StringComparer.Ordinal).ToEquatableArray(),
            declaredContracts.OrderBy(c => c.SpecificationKey, System.StringComparer.Ordinal).ToEquatableArray(),
            formulaPlanner.ScopeKeys.ToEquatableArray(),
            woven.ToEquatableArray(),
            EquatableArray<SharedShape>.Empty,
            formulas.Where(f => wovenScopes.Contains(f.ScopeKey))
                .OrderBy(f => f.Key, System.StringComparer.Ordinal)
                .Select(f => formulaPlanner.WovenScopeOf(f, cancellationToken))
                .ToEquatableArray(),
            compilation.GetTypeByMetadataName(KnownNames.ModuleInitializerAttribute) is null,
            unwovenCalls.ToEquatableArray(),
            unwovenRoles
                .OrderBy(u => u.Key, System.StringComparer.Ordinal)
                .Select(u => new UnwovenQuantifiedCalls(u.Key, u.Value))
                .ToEquatableArray(),
            compilation.GetTypeByMetadataName(KnownNames.InterceptsLocationAttribute) is { } visible
                && compilation.IsSymbolAccessibleWithin(visible, compilation.Assembly));
    }

    private static string RoleOf(CallRole role, IMethodSymbol target) =>
        (role.IsScope ? "scope of a fluent specification: " : "quantified call of a fluent specification: ")
        + (target.ReducedFrom ?? target).OriginalDefinition.ToDisplayString(SymbolFormats.Display);

    /// <summary>
    /// Why a call that records fluent-specification events (a call of a scoped method, or a quantified call in its
    /// body) cannot be intercepted, or null when it can. The fluent analyzers report it, so what the generator skips
    /// is never skipped silently.
    /// </summary>
    public static string? WhyNotInterceptable(
        InvocationExpressionSyntax invocation,
        IMethodSymbol target,
        SemanticModel model,
        Compilation compilation,
        CancellationToken cancellationToken)
    {
        if (PlaceProblem(invocation, model.GetInterceptableLocation(invocation, cancellationToken), model, cancellationToken) is { } place)
        {
            return place.Reason;
        }

        (WeavingRefusal? problem, InterceptorHost? host) = SignatureOf(target, compilation);
        return problem?.Reason ?? (host is null ? null : s_hostedRoles.Reason);
    }

    /// <summary>Like <see cref="WhyNotInterceptable"/>, with the group the weaving summary counts the call in.</summary>
    public static WeavingRefusal? RefusalOf(
        InvocationExpressionSyntax invocation,
        IMethodSymbol target,
        SemanticModel model,
        Compilation compilation,
        CancellationToken cancellationToken)
    {
        return PlaceProblem(invocation, model.GetInterceptableLocation(invocation, cancellationToken), model, cancellationToken)
            ?? SignatureOf(target, compilation).Problem;
    }

    // An interceptor declared in the user's type records durations only: the recording of fluent-specification
    // events lives in file-local classes of the generated namespace, which cannot name the user's private types.
    private static readonly WeavingRefusal s_hostedRoles = new(
        WeavingGap.Other,
        $"a call that a fluent specification records and whose signature names a private nested type is not woven by interceptors; make the nested type internal, or set {WeavingGaps.Fix}");

    private static WeavingRefusal? HostedRolesProblem(InterceptedCall shape, List<CallRole> roles) =>
        shape.Host is not null && roles.Count > 0 ? s_hostedRoles : null;

    // What makes this one call uninterceptable, whatever its target.
    private static WeavingRefusal? PlaceProblem(
        InvocationExpressionSyntax invocation,
        InterceptableLocation? location,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        if (invocation.Expression is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax })
        {
            return new WeavingRefusal(WeavingGap.Other, "a base call cannot be intercepted (the interceptor could only make a virtual call)");
        }

        if (location is null)
        {
            return new WeavingRefusal(WeavingGap.Other, "the compiler does not offer this call for interception");
        }

        // The compiler says a call is bound at run time in its symbol info. Asking for the call's operation instead
        // builds the operation tree of the whole member: 5 s of CPU on the build-cost library, in a model without
        // nullable analysis (docs/benchmarks.md, session 5), against 0.4 s for all its symbol infos.
        if (model.GetSymbolInfo(invocation, cancellationToken).CandidateReason == CandidateReason.LateBound)
        {
            return new WeavingRefusal(WeavingGap.Other, "a dynamic call is bound at run time, and only calls bound at compile time can be intercepted");
        }

        return null;
    }

    // What makes every call through this target uninterceptable, whatever its place; or, when its signature names a
    // private nested type, the user's type the interceptor can be declared in.
    private static (WeavingRefusal? Problem, InterceptorHost? Host) SignatureOf(IMethodSymbol target, Compilation compilation)
    {
        ITypeSymbol[] signatureTypes = target.Parameters.Select(p => p.Type)
            .Concat(target.ReturnsVoid ? Enumerable.Empty<ITypeSymbol>() : new[] { target.ReturnType })
            .Concat(target.IsGenericMethod ? target.TypeArguments : ImmutableArray<ITypeSymbol>.Empty)
            .Concat(new[] { ReceiverType(target) })
            .Concat(target.ReducedFrom is null ? Enumerable.Empty<ITypeSymbol>() : new[] { target.ReducedFrom.ContainingType })
            .ToArray();
        WeavingRefusal? hidden = null;
        foreach (ITypeSymbol type in signatureTypes)
        {
            if (TypeProblem(type, compilation) is { } problem)
            {
                if (problem.Gap != WeavingGap.HiddenType)
                {
                    return (problem, null);
                }

                hidden ??= problem;
            }
        }

        if (AccessProblem(target, compilation) is { } access)
        {
            return (access, null);
        }

        return hidden is null ? (null, null) : InterceptorHosts.Of(target, signatureTypes, hidden, compilation);
    }

    private static WeavingRefusal? AccessProblem(IMethodSymbol target, Compilation compilation)
    {
        if (!compilation.IsSymbolAccessibleWithin(target, compilation.Assembly))
        {
            if (compilation.GetTypeByMetadataName(KnownNames.UnsafeAccessorAttribute) is null)
            {
                // netstandard2.0 and .NET Framework: the runtime that honours UnsafeAccessor is .NET 8 or later.
                return new WeavingRefusal(WeavingGap.Other, $"'{target.Name}' is not accessible to generated code, and this target framework has no UnsafeAccessor (.NET 8 or later) to reach it; make it internal");
            }

            if (!CanUseAccessor(target))
            {
                return new WeavingRefusal(WeavingGap.Other, $"'{target.Name}' is not accessible to generated code and cannot be reached through an UnsafeAccessor");
            }
        }

        return null;
    }

    private static WeavingRefusal? TypeProblem(ITypeSymbol type, Compilation compilation)
    {
        switch (type)
        {
            case ITypeParameterSymbol parameter:
                return new WeavingRefusal(WeavingGap.GenericCode, $"the call is inside generic code over '{parameter.Name}', which an interceptor cannot name");
            case INamedTypeSymbol { IsAnonymousType: true }:
                return new WeavingRefusal(WeavingGap.Other, "the call involves an anonymous type, which an interceptor cannot name");
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return new WeavingRefusal(WeavingGap.Other, "the call involves pointer types");
            case IArrayTypeSymbol array:
                return TypeProblem(array.ElementType, compilation);
            case INamedTypeSymbol { IsFileLocal: true } local:
                return new WeavingRefusal(WeavingGap.Other, $"'{local.Name}' is a file-local type, which generated code in another file cannot name");
            case INamedTypeSymbol named:
                if (!compilation.IsSymbolAccessibleWithin(named, compilation.Assembly))
                {
                    // A private or protected nested type (a test's fake, say) cannot appear in an interceptor's
                    // signature, and an UnsafeAccessor cannot stand in for a type in one: say how to make it nameable.
                    return new WeavingRefusal(
                        WeavingGap.HiddenType,
                        $"'{named.ToDisplayString(SymbolFormats.Display)}' is {AccessibilityOf(named)}, so only code inside the type that contains it can name it");
                }

                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (TypeProblem(argument, compilation) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string AccessibilityOf(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                string declared = current.DeclaredAccessibility switch
                {
                    Accessibility.Private => "private",
                    Accessibility.Protected => "protected",
                    _ => "private protected",
                };
                return SymbolEqualityComparer.Default.Equals(current, type)
                    ? "a " + declared + " nested type"
                    : $"nested in the {declared} type '{current.ToDisplayString(SymbolFormats.Display)}'";
            }
        }

        return "not accessible here";
    }

    private static ITypeSymbol ReceiverType(IMethodSymbol target) =>
        target.ReducedFrom is not null ? target.ReceiverType! : target.ContainingType;

    // Inaccessible methods (private helpers a library calls internally) are reached through UnsafeAccessor, which
    // needs a non-generic declaring type whose instance can be passed as the first parameter. It takes a value-type
    // receiver by 'ref', which a readonly member's receiver (passed 'in') cannot give: those are declined too.
    private static bool CanUseAccessor(IMethodSymbol target) =>
        target.ReducedFrom is null && !target.IsGenericMethod && !target.ContainingType.IsGenericType
        && !target.ContainingType.IsStatic && !target.IsVirtual && !target.IsAbstract && !target.IsOverride
        && (target.IsStatic || !target.ContainingType.IsValueType);

    // The facts of one call at its place: the shape of its target with the location, caller and what it records.
    private static InterceptedCall Place(
        InterceptedCall shape,
        InvocationExpressionSyntax invocation,
        InterceptableLocation location,
        SemanticModel model,
        List<MonitoredTarget> targets,
        List<CallRole> roles,
        Dictionary<ISymbol, string> callers)
    {
        SyntaxNode nameNode = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            _ => invocation.Expression,
        };
        FileLinePositionSpan lineSpan = nameNode.GetLocation().GetLineSpan();
        return shape with
        {
            LocationVersion = location.Version,
            LocationData = location.Data,
            File = lineSpan.Path,
            Line = lineSpan.StartLinePosition.Line + 1,
            Column = lineSpan.StartLinePosition.Character + 1,
            Caller = CallerOf(model, invocation, callers),
            Targets = targets.ToEquatableArray(),
            Roles = roles.ToEquatableArray(),
        };
    }

    // The facts of a call that depend on its target only (the place is filled in by Place).
    private static InterceptedCall Shape(IMethodSymbol target, Compilation compilation)
    {
        bool isExtension = target.ReducedFrom is not null;
        IMethodSymbol signature = isExtension ? target.GetConstructedReducedFrom()! : target;
        IEnumerable<IParameterSymbol> parameters = isExtension ? signature.Parameters.Skip(1) : signature.Parameters;

        ParameterModel? receiver = null;
        if (isExtension)
        {
            receiver = ParameterOf(signature.Parameters[0], "@this", compilation);
        }
        else if (!target.IsStatic)
        {
            // The compiler passes a value-type receiver by reference: 'in' to a readonly member (it cannot change the
            // receiver), 'ref' otherwise; the interceptor's 'this' parameter must say the same.
            ParameterRefKind refKind = !target.ContainingType.IsValueType ? ParameterRefKind.None
                : target.IsReadOnly || target.ContainingType.IsReadOnly ? ParameterRefKind.In
                : ParameterRefKind.Ref;
            receiver = new ParameterModel(refKind, target.ContainingType.ToDisplayString(SymbolFormats.Code), "@this", false, EquatableArray<AttributeModel>.Empty);
        }

        CallForm form = !compilation.IsSymbolAccessibleWithin(target, compilation.Assembly) ? CallForm.Accessor
            : isExtension ? CallForm.Extension
            : target.IsStatic ? CallForm.Static
            : CallForm.Instance;
        string? callTarget = form switch
        {
            CallForm.Extension => target.ReducedFrom!.ContainingType.ToDisplayString(SymbolFormats.Code),
            CallForm.Static or CallForm.Accessor => target.ContainingType.ToDisplayString(SymbolFormats.Code),
            _ => null,
        };

        return new InterceptedCall(
            0,
            string.Empty,
            string.Empty,
            0,
            0,
            string.Empty,
            target.Name,
            form,
            callTarget,
            target.IsGenericMethod ? target.TypeArguments.Select(t => t.ToDisplayString(SymbolFormats.Code)).ToEquatableArray() : EquatableArray<string>.Empty,
            receiver,
            target.ReturnsVoid ? "void" : target.ReturnType.ToDisplayString(SymbolFormats.Code),
            target.ReturnsByRefReadonly ? ParameterRefKind.RefReadOnly : target.ReturnsByRef ? ParameterRefKind.Ref : ParameterRefKind.None,
            AttributesOf(signature.GetReturnTypeAttributes(), compilation),
            parameters.Select(p => ParameterOf(p, "@" + p.Name, compilation)).ToEquatableArray(),
            AsyncKindOf(target),
            EquatableArray<MonitoredTarget>.Empty,
            EquatableArray<CallRole>.Empty);
    }

    private static ParameterModel ParameterOf(IParameterSymbol parameter, string name, Compilation compilation) => new(
        parameter.RefKind switch
        {
            RefKind.Ref => ParameterRefKind.Ref,
            RefKind.Out => ParameterRefKind.Out,
            RefKind.In => ParameterRefKind.In,
            RefKind.RefReadOnlyParameter => ParameterRefKind.RefReadOnly,
            _ => ParameterRefKind.None,
        },
        parameter.Type.ToDisplayString(SymbolFormats.Code),
        name,
        parameter.ScopedKind != ScopedKind.None && !IsImplicitlyScoped(parameter),
        AttributesOf(parameter.GetAttributes(), compilation));

    // An 'out' parameter is scoped without saying so; writing 'scoped' on it is allowed but redundant.
    private static bool IsImplicitlyScoped(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.Out && parameter.ScopedKind == ScopedKind.ScopedRef;

    // The compiler compares nullability and scoping contracts of interceptor and intercepted method (CS9159): the
    // attributes of System.Diagnostics.CodeAnalysis that state them are repeated. Others (documentation, tooling
    // hints) have no effect on the call and are left out.
    private static EquatableArray<AttributeModel> AttributesOf(ImmutableArray<AttributeData> attributes, Compilation compilation)
    {
        var copied = new List<AttributeModel>();
        foreach (AttributeData attribute in attributes)
        {
            if (attribute.AttributeClass is not { } type
                || type.ContainingNamespace?.ToDisplayString() != "System.Diagnostics.CodeAnalysis"
                || !attribute.NamedArguments.IsEmpty)
            {
                continue;
            }

            var arguments = new List<AttributeArgument>();
            foreach (TypedConstant argument in attribute.ConstructorArguments)
            {
                if (argument.Kind == TypedConstantKind.Array && argument.Values.All(v => v.Value is string))
                {
                    arguments.Add(new AttributeArgument(null, argument.Values.Select(v => (string)v.Value!).ToEquatableArray(), true));
                }
                else if (argument.Value is bool boolean)
                {
                    arguments.Add(new AttributeArgument(boolean, EquatableArray<string>.Empty, false));
                }
                else if (argument.Value is string text)
                {
                    arguments.Add(new AttributeArgument(null, new[] { text }.ToEquatableArray(), false));
                }
                else
                {
                    arguments = null;
                    break;
                }
            }

            if (arguments is not null)
            {
                copied.Add(new AttributeModel(type.ToDisplayString(SymbolFormats.Code), arguments.ToEquatableArray(), !IsNameable(type, compilation)));
            }
        }

        return copied.ToEquatableArray();
    }

    // Whether generated code in this compilation can name the attribute: a declaration of its own, or an accessible
    // one among its references. Internal polyfills of other assemblies (netstandard2.0) do not count.
    private static bool IsNameable(INamedTypeSymbol attribute, Compilation compilation) =>
        compilation.GetTypesByMetadataName(attribute.ContainingNamespace.ToDisplayString() + "." + attribute.MetadataName)
            .Any(t => compilation.IsSymbolAccessibleWithin(t, compilation.Assembly));

    /// <summary>What one invocation is intercepted for, gathered before it is described.</summary>
    // What calls through one target reach: the same for every call of it.
    private sealed record Reach(
        List<(MonitoredMethod Method, string? RuntimeType)> Reached,
        List<(MonitoredMethod Method, WeavingRefusal Refusal)> Unreached,
        bool IsScope);

    private sealed class Site(IMethodSymbol target, SemanticModel model)
    {
        public IMethodSymbol Target { get; } = target;

        public SemanticModel Model { get; } = model;

        public List<(MonitoredMethod Method, string? RuntimeType)> Reached { get; set; } = [];

        public List<(MonitoredMethod Method, WeavingRefusal Refusal)> Unreached { get; set; } = [];

        public List<CallRole> Roles { get; } = [];
    }

    private static AsyncKind AsyncKindOf(IMethodSymbol target)
    {
        if (target.ReturnsVoid || target.ReturnsByRef || target.ReturnsByRefReadonly || target.ReturnType is not INamedTypeSymbol returned)
        {
            return AsyncKind.None;
        }

        string definition = returned.OriginalDefinition.ToDisplayString();
        return definition switch
        {
            "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>" => AsyncKind.Task,
            "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.ValueTask<TResult>" => AsyncKind.ValueTask,
            _ => AsyncKind.None,
        };
    }

    private static string CallerOf(SemanticModel model, InvocationExpressionSyntax invocation, Dictionary<ISymbol, string> callers)
    {
        ISymbol? caller = model.GetEnclosingSymbol(invocation.SpanStart);
        while (caller is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            caller = caller.ContainingSymbol;
        }

        if (caller is null)
        {
            return "<unknown>";
        }

        if (!callers.TryGetValue(caller, out string? display))
        {
            callers.Add(caller, display = caller.ToDisplayString(SymbolFormats.Display));
        }

        return display;
    }
}

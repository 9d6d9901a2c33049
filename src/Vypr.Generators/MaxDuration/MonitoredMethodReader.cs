using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>Turns monitored method symbols, in source or in referenced assemblies, into plain models.</summary>
internal static class MonitoredMethodReader
{
    private static readonly ConditionalWeakTable<IAssemblySymbol, List<MonitoredMethod>> s_byAssembly = new();

    /// <summary>The transform of the declarations pipeline: a method in source carrying <c>[MaxDuration]</c>.</summary>
    public static MonitoredMethod? FromDeclaration(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return context.TargetSymbol is IMethodSymbol method && context.Attributes.Length > 0
            ? Read(method, context.Attributes[0], declaredInSource: true)
            : null;
    }

    /// <summary>
    /// Monitored methods declared in referenced assemblies, so that a test project's calls into a monitored
    /// library are woven too. Only assemblies that reference Vypr.Specs can declare any, so only those are walked.
    /// </summary>
    public static EquatableArray<MonitoredMethod> FromReferences(Compilation compilation, CancellationToken cancellationToken)
    {
        var found = new List<MonitoredMethod>();
        foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            // An assembly woven by the IL backend times its monitored methods itself: intercepting them too would
            // give one call two observations.
            if (!ReferencesSpecs(assembly) || Weaving.IsWoven(assembly))
            {
                continue;
            }

            // A referenced assembly's symbol is shared by the compilations that reference the same metadata (each
            // edit makes a new compilation): its methods are walked once, not on every keystroke or build.
            found.AddRange(s_byAssembly.GetValue(assembly, a =>
            {
                var declared = new List<MonitoredMethod>();
                CollectFrom(a.GlobalNamespace, declared, cancellationToken);
                return declared;
            }));
        }

        return found.OrderBy(m => m.Key, System.StringComparer.Ordinal).ToEquatableArray();
    }

    /// <summary>Only an assembly that references Vypr.Specs can carry its attributes.</summary>
    public static bool ReferencesSpecs(IAssemblySymbol assembly) =>
        assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == KnownNames.SpecsAssembly));

    /// <summary>Reads a method and its specification attribute; null when the bound is invalid or there is no body to time.</summary>
    public static MonitoredMethod? Read(IMethodSymbol method, AttributeData attribute, bool declaredInSource)
    {
        if (method.IsAbstract || method.IsExtern || method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
        {
            return null;
        }

        if (!SpecificationReader.TryReadMaxDuration(attribute, out long bound, out string text, out _))
        {
            return null;
        }

        var dispatchTargets = new List<IMethodSymbol>();
        for (IMethodSymbol? overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            dispatchTargets.Add(overridden.OriginalDefinition);
        }

        dispatchTargets.AddRange(method.ExplicitInterfaceImplementations.Select(m => m.OriginalDefinition));

        // An interface member reaches the method when the type maps it to the method or to a method the method
        // overrides (PropertyValidator<T, TProperty>.IsValid implements the interface, CreditCardValidator<T>
        // overrides it): compared as definitions, since the type's view of a base method is a constructed one.
        var implementers = new HashSet<IMethodSymbol>(dispatchTargets.Prepend(method.OriginalDefinition), SymbolEqualityComparer.Default);
        foreach (INamedTypeSymbol @interface in method.ContainingType.AllInterfaces)
        {
            foreach (IMethodSymbol member in @interface.GetMembers().OfType<IMethodSymbol>())
            {
                if (method.ContainingType.FindImplementationForInterfaceMember(member) is IMethodSymbol implementation
                    && implementers.Contains(implementation.OriginalDefinition))
                {
                    dispatchTargets.Add(member.OriginalDefinition);
                }
            }
        }

        IMethodSymbol[] distinct = dispatchTargets.Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).ToArray();
        return new MonitoredMethod(
            KeyOf(method),
            method.Name,
            method.ContainingType.ToDisplayString(SymbolFormats.Code),
            method.ToDisplayString(SymbolFormats.Display),
            text,
            bound,
            declaredInSource,
            distinct.Select(KeyOf).OrderBy(k => k, System.StringComparer.Ordinal).ToEquatableArray(),
            distinct.Select(m => m.Name).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>A method's identity across compilations: its documentation comment ID.</summary>
    public static string KeyOf(IMethodSymbol method) =>
        DocumentationCommentId.CreateDeclarationId(method.OriginalDefinition) ?? method.OriginalDefinition.ToDisplayString(SymbolFormats.Code);

    /// <summary>Finds the <c>[MaxDuration]</c> attribute on a method, if any.</summary>
    public static AttributeData? FindSpecification(IMethodSymbol method) =>
        method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KnownNames.MaxDurationAttribute);

    private static void CollectFrom(INamespaceOrTypeSymbol container, List<MonitoredMethod> found, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (ISymbol member in container.GetMembers())
        {
            switch (member)
            {
                case INamespaceOrTypeSymbol nested:
                    CollectFrom(nested, found, cancellationToken);
                    break;
                case IMethodSymbol method when FindSpecification(method) is { } attribute
                                               && Read(method, attribute, declaredInSource: false) is { } monitored:
                    found.Add(monitored);
                    break;
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vypr.Generators.Model;

namespace Vypr.Generators;

/// <summary>
/// Decides where the interceptor of a call whose signature names a private or protected nested type (a test's fake)
/// can be declared: inside the called method's own type, which sees every type its containers see, when that type
/// and each type containing it are partial, not generic, and in a namespace the project lets interceptors live in.
/// </summary>
internal static class InterceptorHosts
{
    /// <summary>The host of the interceptor of calls of <paramref name="target"/>, or why there is none.</summary>
    public static (WeavingRefusal? Problem, InterceptorHost? Host) Of(
        IMethodSymbol target,
        IReadOnlyList<ITypeSymbol> signatureTypes,
        WeavingRefusal hidden,
        Compilation compilation)
    {
        INamedTypeSymbol host = target.ContainingType;
        if (target.ReducedFrom is not null || host.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return (Refuse(hidden, "an interceptor can only be declared in a class or struct that declares the method"), null);
        }

        if (!target.IsStatic && host.IsValueType)
        {
            return (Refuse(hidden, "an instance method of a struct is intercepted by an extension method, which cannot be declared in a nested type"), null);
        }

        // Where the interceptor would have to live cannot help, say so first: telling a user to make a type of another
        // assembly partial, or one that cannot name the hidden type anyway, sends them the wrong way.
        string hostName = host.ToDisplayString(SymbolFormats.Display);
        if (!SymbolEqualityComparer.Default.Equals(host.ContainingAssembly, compilation.Assembly))
        {
            return (Refuse(hidden, $"its interceptor would have to be declared inside '{hostName}', which is compiled in another assembly ('{host.ContainingAssembly.Name}')"), null);
        }

        if (!signatureTypes.All(t => IsNameableWithin(t, host, compilation)))
        {
            return (Refuse(hidden, $"not even code inside '{hostName}' can name every type of the call"), null);
        }

        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = host; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, current);
        }

        if (chain.FirstOrDefault(t => t.IsGenericType || t.IsFileLocal) is { } unusable)
        {
            return (Refuse(hidden, $"an interceptor cannot be declared in '{unusable.ToDisplayString(SymbolFormats.Display)}', which is {(unusable.IsGenericType ? "generic" : "file-local")}"), null);
        }

        string[] notPartial = chain.Where(t => !IsPartial(t)).Select(t => "'" + t.ToDisplayString(SymbolFormats.Display) + "'").ToArray();
        if (notPartial.Length > 0)
        {
            return (Refuse(hidden, $"make {string.Join(" and ", notPartial)} partial, so that the interceptor can be declared inside '{hostName}'"), null);
        }

        INamespaceSymbol declaredIn = chain[0].ContainingNamespace;
        string ns = declaredIn.IsGlobalNamespace ? string.Empty : declaredIn.ToDisplayString();
        if (!IsInterceptorNamespace(ns, compilation))
        {
            return (Refuse(hidden, ns.Length == 0
                ? $"an interceptor declared in '{chain[0].Name}' would be in the global namespace, where the compiler does not accept interceptors: move the type into a namespace"
                : $"an interceptor declared in '{hostName}' would be in namespace '{ns}', which the project does not list for interceptors: add <InterceptorsNamespaces>$(InterceptorsNamespaces);{ns}</InterceptorsNamespaces>"), null);
        }

        return (null, new InterceptorHost(ns, chain.Select(Declaration).ToEquatableArray(), !target.IsStatic));
    }

    private static WeavingRefusal Refuse(WeavingRefusal hidden, string why) =>
        new(WeavingGap.HiddenType, $"{hidden.Reason}; {why}, or make the nested type internal, or set {WeavingGaps.Fix}");

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0
        && type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static bool IsNameableWithin(ITypeSymbol type, INamedTypeSymbol host, Compilation compilation) => type switch
    {
        IArrayTypeSymbol array => IsNameableWithin(array.ElementType, host, compilation),
        INamedTypeSymbol named => compilation.IsSymbolAccessibleWithin(named, host)
            && named.TypeArguments.All(a => IsNameableWithin(a, host, compilation)),
        _ => true,
    };

    // The compiler accepts an interceptor in a namespace listed in InterceptorsNamespaces, or inside one.
    private static bool IsInterceptorNamespace(string ns, Compilation compilation)
    {
        if (ns.Length == 0 || compilation.SyntaxTrees.FirstOrDefault()?.Options is not CSharpParseOptions options)
        {
            return false;
        }

        foreach (string key in new[] { "InterceptorsNamespaces", "InterceptorsPreviewNamespaces" })
        {
            if (options.Features.TryGetValue(key, out string? listed)
                && listed.Split(';').Select(n => n.Trim()).Any(n => n.Length > 0 && (ns == n || ns.StartsWith(n + ".", System.StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }

    private static string Declaration(INamedTypeSymbol type)
    {
        string keyword = type.IsRecord ? (type.IsValueType ? "record struct" : "record")
            : type.IsValueType ? "struct"
            : "class";
        string name = SyntaxFacts.GetKeywordKind(type.Name) != SyntaxKind.None ? "@" + type.Name : type.Name;
        return (type.IsStatic ? "static partial " : "partial ") + keyword + " " + name;
    }
}

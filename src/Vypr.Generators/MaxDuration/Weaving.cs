using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Vypr.Generators;

/// <summary>
/// Which [MaxDuration] methods the IL backend (Vypr.Fody) times in their own bodies, so that the generator leaves
/// them alone and a call is never timed twice. The project's <c>VyprWeaving</c> property (IL or Both) says so for its
/// own methods; an assembly woven by IL says so to every compilation that calls into it with
/// <c>[assembly: AssemblyMetadata("Vypr.Weaving", "IL")]</c>, which Vypr's build files add.
/// </summary>
internal static class Weaving
{
    public const string Property = "build_property.VyprWeaving";
    public const string Interceptors = "Interceptors";
    public const string IL = "IL";
    public const string Both = "Both";

    /// <summary>The project's backend; Interceptors when unset (a compilation outside Vypr's build files).</summary>
    public static string ModeOf(AnalyzerConfigOptions globalOptions) =>
        globalOptions.TryGetValue(Property, out string? value) && (value == IL || value == Both) ? value : Interceptors;

    /// <summary>Whether the assembly's monitored methods time themselves.</summary>
    public static bool IsWoven(IAssemblySymbol assembly) =>
        assembly.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == "System.Reflection.AssemblyMetadataAttribute"
            && a.ConstructorArguments.Length == 2
            && a.ConstructorArguments[0].Value as string == "Vypr.Weaving"
            && a.ConstructorArguments[1].Value as string == IL);

    /// <summary>
    /// The scoped methods (by documentation comment ID) that the IL backend weaves in their own bodies: with IL or Both,
    /// every scoped method this compilation declares. Their invocations begin in the callee, so no call site begins one.
    /// </summary>
    public static HashSet<string> WovenScopes(IEnumerable<string> scopeKeys, Compilation compilation, string mode)
    {
        var woven = new HashSet<string>(StringComparer.Ordinal);
        if (mode == Interceptors)
        {
            return woven;
        }

        foreach (string key in scopeKeys)
        {
            if (DocumentationCommentId.GetFirstSymbolForDeclarationId(key, compilation) is IMethodSymbol scope
                && WeavesScope(scope, compilation, mode))
            {
                woven.Add(key);
            }
        }

        return woven;
    }

    /// <summary>Whether the IL backend weaves <paramref name="scope"/> in its own body when this compilation is built with <paramref name="mode"/>.</summary>
    public static bool WeavesScope(IMethodSymbol scope, Compilation compilation, string mode) =>
        mode != Interceptors
        && SymbolEqualityComparer.Default.Equals(scope.ContainingAssembly, compilation.Assembly)
        && !scope.IsAbstract
        && !scope.IsExtern;

    /// <summary>Whether a call of <paramref name="method"/> made in <paramref name="compilation"/> is timed by the IL backend.</summary>
    public static bool TimesCallsOf(IMethodSymbol method, Compilation compilation, string mode) =>
        mode == IL
        || (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly) ? mode == Both : IsWoven(method.ContainingAssembly));
}

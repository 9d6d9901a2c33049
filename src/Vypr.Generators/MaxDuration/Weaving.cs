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

    /// <summary>Whether a call of <paramref name="method"/> made in <paramref name="compilation"/> is timed by the IL backend.</summary>
    public static bool TimesCallsOf(IMethodSymbol method, Compilation compilation, string mode) =>
        mode == IL
        || (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly) ? mode == Both : IsWoven(method.ContainingAssembly));
}

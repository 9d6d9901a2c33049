using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Vypr.Generators;

/// <summary>
/// The semantic models the generator resolves call targets in: without the compiler's nullable analysis. A model
/// with it analyses a whole member before it answers any question about it, which is over 90% of the cost of binding
/// the members that call monitored methods (docs/benchmarks.md), and the compile analyses every member again for its
/// own warnings anyway. The analysis never changes which method a call reaches nor a declared signature: it only
/// infers type arguments again from flow state (<c>string? s = "a"; Same(s)</c> is <c>Same&lt;string&gt;</c> to it).
/// Without it, inferred reference type arguments are nullable-oblivious, which is what the compiler checks an
/// interceptor against (it lowers the call as bound before that analysis), so the interceptor stays free of CS9158 and
/// CS9159; type arguments written at the call keep their annotation.
/// </summary>
internal static class BindingModels
{
    // Set once a compiler without the option has been met (the option is experimental, RSEXPERIMENTAL001).
    private static volatile bool s_optionMissing;

    /// <summary>
    /// A semantic model of <paramref name="tree"/> that binds without nullable analysis, or an ordinary one from a
    /// compiler that does not offer the option (the same targets, found more slowly).
    /// </summary>
    public static SemanticModel WithoutNullableAnalysis(Compilation compilation, SyntaxTree tree)
    {
        if (!s_optionMissing)
        {
            try
            {
                return WithOption(compilation, tree);
            }
            catch (Exception e) when (e is MissingMethodException or MissingFieldException or TypeLoadException)
            {
                s_optionMissing = true;
            }
        }

        return compilation.GetSemanticModel(tree);
    }

    // A method of its own, so that a compiler without the API fails when this method is compiled, inside the try.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SemanticModel WithOption(Compilation compilation, SyntaxTree tree)
    {
#pragma warning disable RSEXPERIMENTAL001 // present in every compiler Vypr supports (4.14 to 5.9); WithoutNullableAnalysis copes with its removal
        return compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
    }
}

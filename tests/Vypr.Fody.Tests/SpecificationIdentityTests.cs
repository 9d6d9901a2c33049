using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Vypr.Contracts;
using Xunit;

namespace Vypr.Fody.Tests;

/// <summary>
/// A specification woven in IL and the same specification intercepted at a call site must be one specification to
/// the monitor, the results and the server: the weaver must write the generator's key (Roslyn's documentation comment
/// ID) and name for every method the generator handles. Roslyn reads the shapes' sources here and says what those are.
/// </summary>
public sealed class SpecificationIdentityTests(CallerFixture caller) : IClassFixture<CallerFixture>
{
    // The generator's display format (src/Vypr.Generators/SymbolFormats.cs).
    private static readonly SymbolDisplayFormat s_display = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeExplicitInterface,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    [Fact]
    public void Every_woven_method_has_the_key_and_name_the_generator_gives_it()
    {
        List<(string Key, string Method)> expected = GeneratorIdentities();
        Assert.True(expected.Count >= 20, $"only {expected.Count} methods read");

        // [MaxDuration] specifications are keyed "method-key text"; fluent ones (P:...) by their member.
        var woven = caller.Results.Specifications
            .Where(s => !s.Key.StartsWith("P:", StringComparison.Ordinal))
            .Select(s => (Key: s.Key[..^(s.Text.Length + 1)], s.Method))
            .ToHashSet();
        string[] missing = expected.Where(e => !woven.Contains(e))
            .Select(e => $"generator: {e.Key} {e.Method}; weaver: {string.Join(" | ", woven.Where(w => w.Method.Split('(')[0].Split('.').Last() == e.Method.Split('(')[0].Split('.').Last()))}")
            .ToArray();
        Assert.True(missing.Length == 0, string.Join(Environment.NewLine, missing));
    }

    private static List<(string Key, string Method)> GeneratorIdentities()
    {
        string folder = Path.Combine(CallerRun.RepositoryRoot, "tests", "Vypr.Fody.Shapes");
        SyntaxTree[] trees = Directory.GetFiles(folder, "*.cs")
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Preview), f))
            .ToArray();
        IEnumerable<MetadataReference> references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Append(typeof(MaxDurationAttribute).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        CSharpCompilation compilation = CSharpCompilation.Create("Shapes", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var found = new List<(string, string)>();
        foreach (SyntaxTree tree in trees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            {
                IMethodSymbol method = model.GetDeclaredSymbol(declaration)!;
                if (method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Vypr.MaxDurationAttribute"))
                {
                    found.Add((DocumentationCommentId.CreateDeclarationId(method)!, method.ToDisplayString(s_display)));
                }
            }
        }

        return found;
    }
}

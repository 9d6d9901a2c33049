using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Vypr.Generators.Tests.Harness;

/// <summary>What one run of the generator over a test program produced.</summary>
public sealed record GeneratorRun(
    CSharpCompilationResult Input,
    Compilation Output,
    GeneratorDriver Driver,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>
    /// The generated code (the weaving report aside, see <see cref="WeavingReport"/>), or null when there is none:
    /// the main file first, then each source file's part by name, each after a line naming it.
    /// </summary>
    public string? GeneratedSource
    {
        get
        {
            SyntaxTree[] trees = Driver.GetRunResult().GeneratedTrees
                .Where(t => !t.FilePath.EndsWith(WeavingReportWriter.HintName, System.StringComparison.Ordinal))
                .OrderBy(t => t.FilePath.EndsWith(Emitter.HintName, System.StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(t => System.IO.Path.GetFileName(t.FilePath), System.StringComparer.Ordinal)
                .ToArray();
            return trees.Length == 0
                ? null
                : string.Concat(trees.Select(t => "// ==== " + System.IO.Path.GetFileName(t.FilePath) + "\n" + t.GetText()));
        }
    }

    /// <summary>The generated weaving report source, or null when the generator emitted none.</summary>
    public string? WeavingReport => Driver.GetRunResult().GeneratedTrees
        .SingleOrDefault(t => t.FilePath.EndsWith(WeavingReportWriter.HintName, System.StringComparison.Ordinal))?.GetText().ToString();

    /// <summary>Errors and warnings of the compilation with the generated code in it.</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
}

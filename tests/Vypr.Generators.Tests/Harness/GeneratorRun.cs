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
    /// <summary>The generated interceptor source, or null when the generator emitted nothing.</summary>
    public string? GeneratedSource => Driver.GetRunResult().GeneratedTrees
        .SingleOrDefault(t => t.FilePath.EndsWith(Emitter.HintName, System.StringComparison.Ordinal))?.GetText().ToString();

    /// <summary>The generated weaving report source, or null when the generator emitted none.</summary>
    public string? WeavingReport => Driver.GetRunResult().GeneratedTrees
        .SingleOrDefault(t => t.FilePath.EndsWith(WeavingReportWriter.HintName, System.StringComparison.Ordinal))?.GetText().ToString();

    /// <summary>Errors and warnings of the compilation with the generated code in it.</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
}

using Microsoft.CodeAnalysis.CSharp;

namespace Vypr.Generators.Tests.Harness;

/// <summary>A test program compiled without the generator, and the parse options it used.</summary>
public sealed record CSharpCompilationResult(CSharpCompilation Compilation, CSharpParseOptions ParseOptions);

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Vypr.Generators.Analyzers;
using Xunit;

namespace Vypr.Generators.Tests.Harness;

/// <summary>
/// Runs Vypr's analyzer over a source with markup: <c>{|VYPR0001:text|}</c> marks where that diagnostic must be
/// reported, exactly. Any diagnostic not marked, any marked one missing, and any analyzer crash (AD0001) fails.
/// </summary>
public static partial class AnalyzerHarness
{
    public static ImmutableArray<Diagnostic> Verify(string markup) => Verify(markup, new SpecificationAnalyzer());

    /// <summary>Like <see cref="Verify(string)"/>, running <paramref name="analyzers"/> instead of the [MaxDuration] analyzer.</summary>
    public static ImmutableArray<Diagnostic> Verify(string markup, params DiagnosticAnalyzer[] analyzers)
    {
        (string source, List<(string Id, TextSpan Span)> expected) = Parse(markup);
        var input = TestCompiler.Compile(("Test.cs", source));
        Assert.Empty(input.Compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));

        var driver = new CompilationWithAnalyzers(
            input.Compilation,
            [.. analyzers],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        ImmutableArray<Diagnostic> diagnostics = driver.GetAllDiagnosticsAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult()
            .Where(d => d.Id.StartsWith("VYPR", StringComparison.Ordinal) || d.Id == "AD0001")
            .ToImmutableArray();

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var actual = diagnostics.Select(d => (d.Id, d.Location.SourceSpan)).OrderBy(d => d.SourceSpan.Start).ToArray();
        var wanted = expected.Select(e => (e.Id, e.Span)).OrderBy(e => e.Span.Start).ToArray();
        Assert.True(
            wanted.SequenceEqual(actual),
            $"expected [{Describe(source, wanted)}]{Environment.NewLine}actual   [{Describe(source, actual)}]{Environment.NewLine}"
            + string.Join(Environment.NewLine, diagnostics));
        return diagnostics;
    }

    private static (string Source, List<(string Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var expected = new List<(string, TextSpan)>();
        var source = new System.Text.StringBuilder();
        int position = 0;
        foreach (Match match in Marker().Matches(markup))
        {
            source.Append(markup, position, match.Index - position);
            expected.Add((match.Groups["id"].Value, new TextSpan(source.Length, match.Groups["text"].Length)));
            source.Append(match.Groups["text"].Value);
            position = match.Index + match.Length;
        }

        source.Append(markup, position, markup.Length - position);
        return (source.ToString(), expected);
    }

    private static string Describe(string source, IEnumerable<(string Id, TextSpan Span)> diagnostics) =>
        string.Join(", ", diagnostics.Select(d => $"{d.Id} at '{source.Substring(d.Span.Start, d.Span.Length)}'"));

    [GeneratedRegex(@"\{\|(?<id>[A-Z]+[0-9]+):(?<text>.*?)\|\}", RegexOptions.Singleline)]
    private static partial Regex Marker();
}

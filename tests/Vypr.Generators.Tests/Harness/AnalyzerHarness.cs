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
    /// <summary>The per-site diagnostics that are off by default; the harness turns them on unless told not to.</summary>
    public static readonly string[] OffByDefault = ["VYPR0003", "VYPR0004"];

    /// <summary>Runs the [MaxDuration] analyzers (specifications and weaving coverage) with the per-site diagnostics on.</summary>
    public static ImmutableArray<Diagnostic> Verify(string markup) => Verify(markup, new SpecificationAnalyzer(), new WeavingCoverageAnalyzer());

    /// <summary>Like <see cref="Verify(string)"/>, running <paramref name="analyzers"/> instead of the [MaxDuration] analyzers.</summary>
    public static ImmutableArray<Diagnostic> Verify(string markup, params DiagnosticAnalyzer[] analyzers) =>
        Verify(markup, enablePerSite: true, new Dictionary<string, string>(), analyzers);

    /// <summary>
    /// Like <see cref="Verify(string)"/>, with each diagnostic at its default severity (per-site ones off) and
    /// <paramref name="buildProperties"/> given to the analyzers as MSBuild properties.
    /// </summary>
    public static ImmutableArray<Diagnostic> VerifyDefaults(string markup, IReadOnlyDictionary<string, string>? buildProperties = null) =>
        Verify(markup, enablePerSite: false, buildProperties ?? new Dictionary<string, string>(), new SpecificationAnalyzer(), new WeavingCoverageAnalyzer());

    /// <summary>Like <see cref="Verify(string, DiagnosticAnalyzer[])"/>, with <paramref name="buildProperties"/> given to the analyzers as MSBuild properties.</summary>
    public static ImmutableArray<Diagnostic> Verify(string markup, IReadOnlyDictionary<string, string> buildProperties, params DiagnosticAnalyzer[] analyzers) =>
        Verify(markup, enablePerSite: true, buildProperties, analyzers);

    private static ImmutableArray<Diagnostic> Verify(string markup, bool enablePerSite, IReadOnlyDictionary<string, string> buildProperties, params DiagnosticAnalyzer[] analyzers)
    {
        (string source, List<(string Id, TextSpan Span)> expected) = Parse(markup);
        var input = TestCompiler.Compile(("Test.cs", source));
        Assert.Empty(input.Compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        Compilation compilation = !enablePerSite ? input.Compilation : input.Compilation.WithOptions(input.Compilation.Options.WithSpecificDiagnosticOptions(
            input.Compilation.Options.SpecificDiagnosticOptions.SetItems(OffByDefault.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Info)))));

        var driver = new CompilationWithAnalyzers(
            compilation,
            [.. analyzers],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([], new BuildProperties(buildProperties)), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
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

    /// <summary>MSBuild properties as the compiler passes them to analyzers (<c>build_property.Name</c>).</summary>
    internal sealed class BuildProperties(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }

    [GeneratedRegex(@"\{\|(?<id>[A-Z]+[0-9]+):(?<text>.*?)\|\}", RegexOptions.Singleline)]
    private static partial Regex Marker();
}

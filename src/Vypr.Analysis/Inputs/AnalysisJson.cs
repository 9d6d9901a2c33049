using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Vypr.Analysis.History;
using Vypr.Contracts;

namespace Vypr.Analysis.Inputs;

/// <summary>
/// JSON metadata for the files the analysis reads and writes, all accepting "NaN", "Infinity" and "-Infinity" in
/// place of a number (and only those strings), as the results format does.
/// </summary>
public static class AnalysisJson
{
    private static readonly JsonSerializerOptions RunOptions = new(VyprJsonContext.Default.Options)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = VyprJsonContext.Default,
        Converters = { new NamedFloatingPointConverter() },
    };

    /// <summary>Results files (<c>vypr.run/1</c>).</summary>
    public static JsonTypeInfo<RunDocument> RunDocument { get; } = (JsonTypeInfo<RunDocument>)RunOptions.GetTypeInfo(typeof(RunDocument));

    /// <summary>Samples files (<c>vypr.samples/1</c>).</summary>
    public static JsonTypeInfo<SamplesFile> SamplesFile => AnalysisJsonContext.Default.SamplesFile;

    /// <summary>Baselines files (<c>vypr.baselines/1</c>).</summary>
    public static JsonTypeInfo<Baselines> Baselines => AnalysisJsonContext.Default.Baselines;
}

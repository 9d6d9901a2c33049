using System.Text.Json.Serialization;
using Vypr.Analysis.History;
using Vypr.Contracts;

namespace Vypr.Analysis.Inputs;

/// <summary>Source-generated JSON metadata for the analysis input formats.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    Converters = [typeof(NamedFloatingPointConverter)])]
[JsonSerializable(typeof(SamplesFile))]
[JsonSerializable(typeof(Baselines))]
internal sealed partial class AnalysisJsonContext : JsonSerializerContext;

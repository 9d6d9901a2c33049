using System.Text.Json.Serialization;

namespace Vypr.Contracts;

/// <summary>
/// Source-generated JSON metadata for the contract types: camelCase, no reflection at run time. Doubles may be
/// non-finite (<see cref="NamedFloatingPointConverter"/>) and texts never hold NUL or unpaired surrogates
/// (<see cref="ResultsTextConverter"/>): every reader and writer of the results format goes through this context.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(NamedFloatingPointConverter), typeof(ResultsTextConverter)])]
[JsonSerializable(typeof(RunDocument))]
public sealed partial class VyprJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Vypr.Contracts;

/// <summary>Source-generated JSON metadata for the contract types: camelCase, no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunDocument))]
public sealed partial class VyprJsonContext : JsonSerializerContext;

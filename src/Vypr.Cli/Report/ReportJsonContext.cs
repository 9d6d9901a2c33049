using System.Text.Json.Serialization;

namespace Vypr.Cli.Report;

/// <summary>
/// Source-generated JSON of <c>vypr report --format json</c>: the read API's camelCase names, non-finite doubles as
/// "NaN", "Infinity" and "-Infinity" like every other Vypr output.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(StoredRun))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

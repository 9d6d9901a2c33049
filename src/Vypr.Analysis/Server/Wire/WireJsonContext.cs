using System.Text.Json;
using System.Text.Json.Serialization;
using Vypr.Contracts;

namespace Vypr.Analysis.Server.Wire;

/// <summary>
/// Source-generated JSON metadata for the read API's answers: camel case, and the three named non-finite literals
/// (and only those) in place of a number, as the server writes them.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(NamedFloatingPointConverter)])]
[JsonSerializable(typeof(WirePage<WireRun>))]
[JsonSerializable(typeof(WirePage<WireTest>))]
[JsonSerializable(typeof(WirePage<WireSummary>))]
[JsonSerializable(typeof(WirePage<WireSpecification>))]
[JsonSerializable(typeof(WirePage<WireMethod>))]
[JsonSerializable(typeof(WirePage<WireCall>))]
[JsonSerializable(typeof(WireCallDetail))]
[JsonSerializable(typeof(WireProblem))]
internal sealed partial class WireJsonContext : JsonSerializerContext;

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vypr.Contracts;
using Vypr.Server.Health;
using Vypr.Server.Ingest;

namespace Vypr.Server;

/// <summary>
/// The server's JSON metadata: the contract types as ingest reads them (a null where the contract has no null is an
/// error, not a default), health and load sections. The read API's answers have their own context, shared with
/// their readers (<see cref="Vypr.Contracts.Reads.ReadApiJsonContext"/>), chained after this one in the HTTP options.
/// Numbers are JSON numbers; non-finite doubles are the strings "NaN", "Infinity" and "-Infinity" (JSON has no
/// literal for them), never a number given as a string. <see cref="Ingest.IngestJson"/> adds the check for missing fields.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunDocument))]
[JsonSerializable(typeof(List<RunDocument>))]
[JsonSerializable(typeof(IngestOutcome))]
[JsonSerializable(typeof(HealthItem))]
[JsonSerializable(typeof(LoadRunInfo))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;

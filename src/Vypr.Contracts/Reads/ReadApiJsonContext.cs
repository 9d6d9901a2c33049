using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vypr.Contracts.Reads;

/// <summary>
/// Source-generated JSON metadata for the verdict server's read API (<c>/api/v1</c>, docs/openapi.json): the one
/// shape the server answers with and the readers (the analysis library, the <c>vypr</c> tool) read. Camel case; a
/// null where an answer has no null is an error; non-finite doubles are the strings <c>"NaN"</c>,
/// <c>"Infinity"</c> and <c>"-Infinity"</c> and only those (<see cref="NamedFloatingPointConverter"/>).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(NamedFloatingPointConverter)])]
[JsonSerializable(typeof(Page<ProjectItem>))]
[JsonSerializable(typeof(Page<RunItem>))]
[JsonSerializable(typeof(RunItem))]
[JsonSerializable(typeof(Page<TestItem>))]
[JsonSerializable(typeof(Page<SummaryItem>))]
[JsonSerializable(typeof(Page<MethodItem>))]
[JsonSerializable(typeof(Page<SpecificationItem>))]
[JsonSerializable(typeof(Page<CallItem>))]
[JsonSerializable(typeof(CallDetail))]
public sealed partial class ReadApiJsonContext : JsonSerializerContext;

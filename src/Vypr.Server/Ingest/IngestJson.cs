using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Vypr.Contracts;

namespace Vypr.Server.Ingest;

/// <summary>
/// How ingest reads run documents: every constructor parameter of the contract must be present, except those that
/// may be null, which writers omit (the contract serialises with "ignore when null"). A missing duration must be an
/// error, not a silent zero. Numbers must be JSON numbers (only doubles' "NaN", "Infinity" and "-Infinity" are strings)
/// and no key may appear twice.
/// </summary>
internal static class IngestJson
{
    private static readonly JsonSerializerOptions s_options = new(ServerJsonContext.Default.Options)
    {
        RespectRequiredConstructorParameters = true,
        // A key given twice (or twice in different case, since names match case-insensitively) is an error, not
        // "the last one wins": the writer and the server would disagree about what was sent.
        AllowDuplicateProperties = false,
        Converters = { new NamedFloatingPointConverter() },
        TypeInfoResolver = ServerJsonContext.Default.WithAddedModifier(AllowOmittedNulls),
    };

    public static JsonTypeInfo<RunDocument> Document { get; } = (JsonTypeInfo<RunDocument>)s_options.GetTypeInfo(typeof(RunDocument));

    public static JsonTypeInfo<List<RunDocument>> Documents { get; } = (JsonTypeInfo<List<RunDocument>>)s_options.GetTypeInfo(typeof(List<RunDocument>));

    private static void AllowOmittedNulls(JsonTypeInfo type)
    {
        foreach (JsonPropertyInfo property in type.Properties)
        {
            if (property.IsRequired && property.AssociatedParameter is { IsNullable: true })
            {
                property.IsRequired = false;
            }
        }
    }
}

using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vypr.Contracts;

/// <summary>
/// Every text of the results format: written with NUL and unpaired surrogates replaced by U+FFFD (see
/// <see cref="ResultsText"/>); read only when it holds neither, so a document that breaks the rule is refused
/// with the JSON path of the text rather than passed on.
/// </summary>
public sealed class ResultsTextConverter : JsonConverter<string>
{
    /// <inheritdoc />
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a text, found {reader.TokenType}");
        }

        // An escaped unpaired surrogate makes GetString throw InvalidOperationException; say what the rule is instead.
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException("a text may not hold an unpaired surrogate");
        }

        if (!ResultsText.IsValid(text))
        {
            throw new JsonException("a text may not hold U+0000 (NUL) or an unpaired surrogate");
        }

        return text;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ResultsText.Clean(value));
}

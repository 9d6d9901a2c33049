using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vypr.Server.Ingest;

/// <summary>
/// Reads a double of the results format: a JSON number within double's range, or exactly one of the strings
/// "NaN", "Infinity", "-Infinity" (docs/results-format.md). A number literal beyond double's range (1e400) is
/// refused rather than read as infinity, and any other string is refused: a writer that sent either made a mistake
/// that silently storing infinity, or a number parsed out of a string, would hide.
/// </summary>
internal sealed class ContractDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("NaN"u8))
            {
                return double.NaN;
            }

            if (reader.ValueTextEquals("Infinity"u8))
            {
                return double.PositiveInfinity;
            }

            if (reader.ValueTextEquals("-Infinity"u8))
            {
                return double.NegativeInfinity;
            }

            throw new JsonException("a number must be a JSON number; only \"NaN\", \"Infinity\" and \"-Infinity\" may be strings");
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"expected a number, found {reader.TokenType}");
        }

        double value = reader.GetDouble();
        if (!double.IsFinite(value))
        {
            throw new JsonException("the number is beyond the range of a double; write \"Infinity\" or \"-Infinity\" for an infinite value");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}

using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vypr.Analysis.Inputs;

/// <summary>
/// Reads a double the way the results format requires: a number literal within double range, or exactly one of the
/// strings "NaN", "Infinity", "-Infinity". A literal such as 1e400 is refused (System.Text.Json would read it as
/// infinity), as is any other number in a string.
/// </summary>
public sealed class StrictDoubleConverter : JsonConverter<double>
{
    /// <inheritdoc/>
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            double value = reader.GetDouble();
            if (!double.IsFinite(value))
            {
                throw new JsonException("The number is out of the range of a double; write \"Infinity\" or \"-Infinity\" for infinities.");
            }

            return value;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                string other => throw new JsonException($"\"{other}\" is not a number; only \"NaN\", \"Infinity\" and \"-Infinity\" may stand in a string for a number."),
                null => throw new JsonException("A number is expected."),
            };
        }

        throw new JsonException($"A number is expected, not {reader.TokenType}.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
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

using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vypr.Contracts;

/// <summary>
/// Every double of the results format. A finite value is a JSON number; NaN, +Infinity and -Infinity are the JSON
/// strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c> (the spelling of System.Text.Json's
/// <see cref="JsonNumberHandling.AllowNamedFloatingPointLiterals"/>). Reading accepts exactly those three strings in
/// place of a number, and refuses any other number written as a string (<c>"5"</c>) and any number literal out of
/// the range of a double (<c>1e400</c>), which System.Text.Json alone would read as infinity.
/// </summary>
public sealed class NamedFloatingPointConverter : JsonConverter<double>
{
    /// <inheritdoc />
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetDouble(out double number) && double.IsFinite(number))
                {
                    return number;
                }

                throw new JsonException("the number is out of the range of a double; a non-finite value is written \"NaN\", \"Infinity\" or \"-Infinity\"");
            case JsonTokenType.String when reader.ValueTextEquals("NaN"):
                return double.NaN;
            case JsonTokenType.String when reader.ValueTextEquals("Infinity"):
                return double.PositiveInfinity;
            case JsonTokenType.String when reader.ValueTextEquals("-Infinity"):
                return double.NegativeInfinity;
            default:
                throw new JsonException($"expected a number (or \"NaN\", \"Infinity\", \"-Infinity\"), found {reader.TokenType}");
        }
    }

    /// <inheritdoc />
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

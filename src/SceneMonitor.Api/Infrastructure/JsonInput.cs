using System.Text.Json;
using System.Text.Json.Serialization;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Stricter reading of request bodies: a key given twice is an error (which value was meant
/// is unknowable, and the last one silently winning hides client bugs), a text holding a NUL
/// character is refused with the field's path, since PostgreSQL cannot store it, and so is a number
/// that is not finite ("NaN", "Infinity" as strings, or 1e999, which overflows to infinity), which
/// would otherwise reach the analyses and PostGIS as a value.</summary>
public static class JsonInput
{
    public static void MakeStrict(JsonSerializerOptions options)
    {
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new NoNulStringConverter());
        options.Converters.Add(new FiniteDoubleConverter());
    }

    /// <summary>Also used for double? and double[] (STJ composes them from this one). Numbers in
    /// strings stay accepted, as with the web defaults.</summary>
    private sealed class FiniteDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.TokenType == JsonTokenType.String
                ? double.TryParse(reader.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                    ? parsed : throw new JsonException("The text is not a number.")
                : reader.GetDouble();
            return double.IsFinite(value) ? value : throw new JsonException("The number is not finite (NaN, Infinity or too large).");
        }

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    private sealed class NoNulStringConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            return value is not null && value.Contains('\0') ? throw new JsonException("The text contains a NUL character, which cannot be stored.") : value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}

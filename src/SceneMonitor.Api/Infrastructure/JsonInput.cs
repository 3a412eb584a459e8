using System.Text.Json;
using System.Text.Json.Serialization;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Stricter reading of request bodies: a key given twice is an error (which value was meant
/// is unknowable, and the last one silently winning hides client bugs), and a text holding a NUL
/// character is refused with the field's path, since PostgreSQL cannot store it.</summary>
public static class JsonInput
{
    public static void MakeStrict(JsonSerializerOptions options)
    {
        options.AllowDuplicateProperties = false;
        options.Converters.Add(new NoNulStringConverter());
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

using System.Text.Json;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.GeoJson;

/// <summary>Writes observations as RFC 7946 features (lon/lat, CRS84 implied, stable numeric ids).</summary>
public static class ObservationGeoJson
{
    public const string MediaType = "application/geo+json";

    public static void WriteFeature(Utf8JsonWriter w, ObservationRow row)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteNumber("id", row.Id);
        w.WriteStartObject("geometry");
        w.WriteString("type", "Point");
        w.WriteStartArray("coordinates");
        w.WriteNumberValue(Math.Round(row.Longitude, 7));
        w.WriteNumberValue(Math.Round(row.Latitude, 7));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteNumber("id", row.Id);
        w.WriteString("category", row.Category);
        w.WriteString("observedAt", row.ObservedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        w.WriteNumber("quantity", row.Quantity);
        w.WriteString("source", row.Source);
        WriteNullable(w, "organisation", row.Organisation);
        WriteNullable(w, "note", row.Note);
        if (row.Retracted)
        {
            w.WriteBoolean("retracted", true);
            WriteNullable(w, "retractedReason", row.RetractedReason);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}

using System.Text.Json;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.GeoJson;

/// <summary>Writes observations as RFC 7946 features (lon/lat, CRS84 implied, stable ids: numeric, or
/// the opaque text coarse readers get instead).</summary>
public static class ObservationGeoJson
{
    public const string MediaType = "application/geo+json";

    // Property names as UTF-8 literals and the time through the fast "s" format: this runs for every
    // row of every list page and export (bench/notes.md, "Export").
    public static void WriteFeature(Utf8JsonWriter w, ObservationRow row, string? opaqueId = null)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "Feature"u8);
        WriteId(w, row.Id, opaqueId);
        w.WriteStartObject("geometry"u8);
        w.WriteString("type"u8, "Point"u8);
        w.WriteStartArray("coordinates"u8);
        w.WriteNumberValue(Math.Round(row.Longitude, 7));
        w.WriteNumberValue(Math.Round(row.Latitude, 7));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("properties"u8);
        WriteId(w, row.Id, opaqueId);
        w.WriteString("category"u8, row.Category);
        w.WriteString("observedAt"u8, UtcSeconds(row.ObservedAt, stackalloc byte[24]));
        w.WriteNumber("quantity"u8, row.Quantity);
        w.WriteString("source"u8, row.Source);
        WriteNullable(w, "organisation"u8, row.Organisation);
        WriteNullable(w, "note"u8, row.Note);
        if (row.Retracted)
        {
            w.WriteBoolean("retracted"u8, true);
            WriteNullable(w, "retractedReason"u8, row.RetractedReason);
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter w, long id, string? opaqueId)
    {
        if (opaqueId is null) w.WriteNumber("id"u8, id);
        else w.WriteString("id"u8, opaqueId);
    }

    /// <summary>yyyy-MM-ddTHH:mm:ssZ in UTF-8, written into <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<byte> UtcSeconds(DateTimeOffset t, Span<byte> buffer)
    {
        t.UtcDateTime.TryFormat(buffer, out var n, "s", System.Globalization.CultureInfo.InvariantCulture);
        buffer[n++] = (byte)'Z';
        return buffer[..n];
    }

    private static void WriteNullable(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}

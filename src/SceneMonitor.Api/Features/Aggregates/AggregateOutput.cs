using System.Globalization;
using System.Text.Json;
using SceneMonitor.Api.Features.Exports;
using SceneMonitor.Api.Infrastructure;

namespace SceneMonitor.Api.Features.Aggregates;

/// <summary>One published cell or area: its identity columns, polygon (as GeoJSON and WKT, for the two
/// formats), a representative point and its counts.</summary>
public sealed record AggregateFeature(
    object Id, (string Name, object? Value)[] Labels, string GeoJson, string Wkt, double CentreLon, double CentreLat,
    int? Count, long? Quantity, bool Suppressed, Dictionary<string, int?> ByCategory);

/// <summary>Writes aggregate features as a GeoJSON FeatureCollection of polygons or as CSV (centre
/// longitude and latitude, then WKT, so QGIS can load either). Per-category counts are columns
/// "count_&lt;category&gt;" in both, so a planner can style a layer by category without joins.</summary>
public static class AggregateOutput
{
    public static IResult Write(ExportFormat format, string fileName, IReadOnlyList<AggregateFeature> features, IReadOnlyList<string> categories,
        (string Name, object Value)[] collectionMembers)
    {
        if (format == ExportFormat.Csv)
            return new CsvResult(fileName, async (csv, token) =>
            {
                var labels = features.FirstOrDefault()?.Labels.Select(l => l.Name) ?? [];
                csv.Row([.. labels, "centre_longitude", "centre_latitude", "count", "quantity", "suppressed", .. categories.Select(c => $"count_{c}"), "wkt"]);
                foreach (var f in features)
                {
                    foreach (var (_, value) in f.Labels) Cell(csv, value);
                    csv.Number(f.CentreLon).Number(f.CentreLat).Number(f.Count).Number(f.Quantity).Text(f.Suppressed ? "true" : "false");
                    foreach (var c in categories) csv.Number(f.ByCategory.GetValueOrDefault(c));
                    csv.Text(f.Wkt).End();
                    await csv.FlushIfFullAsync(token);
                }
            });

        return new GeoJsonResult((w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteString("name", Path.GetFileNameWithoutExtension(fileName));
            foreach (var (name, value) in collectionMembers) { w.WritePropertyName(name); Value(w, value); }
            w.WriteStartArray("features");
            foreach (var f in features)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WritePropertyName("id");
                Value(w, f.Id);
                w.WritePropertyName("geometry");
                w.WriteRawValue(f.GeoJson, skipInputValidation: true);
                w.WriteStartObject("properties");
                foreach (var (name, value) in f.Labels) { w.WritePropertyName(name); Value(w, value); }
                Nullable(w, "count", f.Count);
                Nullable(w, "quantity", f.Quantity);
                w.WriteBoolean("suppressed", f.Suppressed);
                foreach (var c in categories) Nullable(w, $"count_{c}", f.ByCategory.GetValueOrDefault(c));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            return Task.CompletedTask;
        });
    }

    /// <summary>A closed ring of lon/lat corners as a GeoJSON Polygon and as WKT.</summary>
    public static (string GeoJson, string Wkt) Polygon(IReadOnlyList<(double Lon, double Lat)> ring)
    {
        var closed = ring.Append(ring[0]).Select(p => (Lon: Math.Round(p.Lon, 7), Lat: Math.Round(p.Lat, 7))).ToList();
        var json = "{\"type\":\"Polygon\",\"coordinates\":[[" + string.Join(',', closed.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Lon},{p.Lat}]"))) + "]]}";
        var wkt = "POLYGON((" + string.Join(", ", closed.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Lon} {p.Lat}"))) + "))";
        return (json, wkt);
    }

    private static void Cell(CsvWriter csv, object? value)
    {
        switch (value)
        {
            case null: csv.Text(null); break;
            case int i: csv.Number(i); break;
            case long l: csv.Number(l); break;
            default: csv.Text(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>Writes a label value without JsonSerializer, whose Serialize(writer) flushes the writer
    /// synchronously (not allowed on the response stream).</summary>
    private static void Value(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: w.WriteNumberValue(d); break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static void Nullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteNumber(name, value.Value);
    }
}

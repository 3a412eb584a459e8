using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Reads and writes single GeoJSON geometries (RFC 7946, lon/lat) for request and response bodies.</summary>
public static class GeoJsonGeometry
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions();
        o.Converters.Add(new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 4326)));
        return o;
    }

    /// <summary>Parses a polygon or multipolygon; returns an error message naming what is wrong.</summary>
    public static (Geometry? Geometry, string? Error) ReadPolygonal(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e) return (null, "is required: a GeoJSON Polygon or MultiPolygon");
        Geometry? g;
        try { g = e.Deserialize<Geometry>(Options); }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return (null, $"is not valid GeoJSON geometry: {ex.Message}");
        }
        if (g is not (Polygon or MultiPolygon)) return (null, $"must be a Polygon or MultiPolygon, not {g?.GeometryType ?? "nothing"}");
        if (g.IsEmpty) return (null, "is empty");
        if (g.Coordinates.Any(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y))) return (null, "has a coordinate that is not a finite number");
        var env = g.EnvelopeInternal;
        if (env.MinX < -180 || env.MaxX > 180 || env.MinY < -90 || env.MaxY > 90) return (null, "has coordinates outside lon -180..180, lat -90..90 (GeoJSON is lon, lat)");
        // Refused rather than repaired: a repaired bow-tie is a different area from the one the user
        // drew, and counts inside it would silently mean something else.
        if (new IsValidOp(g).ValidationError is { } invalid) return (null, Describe(invalid));
        g.SRID = 4326;
        return (g, null);
    }

    private static string Describe(TopologyValidationError e)
    {
        var at = e.Coordinate is { } c ? $" near ({c.X:0.######}, {c.Y:0.######})" : "";
        return e.ErrorType is TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection
            ? $"is self-intersecting{at}: draw the outline without crossing edges (split a bow-tie into two polygons)"
            : $"is not a valid polygon ({e.Message}){at}";
    }

    public static JsonElement Write(Geometry g) => JsonSerializer.SerializeToElement(g, Options);
}

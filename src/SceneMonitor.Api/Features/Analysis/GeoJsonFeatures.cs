using System.Text.Json;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>A point feature as sent: coordinates (lon/lat, or planar metres for another SRID) and the feature itself.</summary>
public sealed record InputPoint(double X, double Y, JsonElement Feature);

/// <summary>A polygonal feature's id and its rings (all polygons' exterior rings and holes).</summary>
public sealed record InputPolygon(string Id, IReadOnlyList<IReadOnlyList<(double X, double Y)>> Rings);

/// <summary>
/// Reads GeoJSON FeatureCollections of points or polygons (RFC 7946) from a request body with
/// System.Text.Json, reporting every problem under its JSON path. Coordinates are checked to be
/// finite, and to be valid lon/lat when the request's SRID is 4326.
/// </summary>
public static class GeoJsonFeatures
{
    public static List<InputPoint> ReadPoints(JsonElement? collection, string field, bool lonLat, FieldErrors errors)
    {
        var points = new List<InputPoint>();
        var features = FeaturesOf(collection, field, AnalysisLimits.MaxPoints, errors);
        for (int i = 0; i < features.Count; i++)
        {
            string path = $"{field}.features[{i}].geometry";
            if (!TryGeometry(features[i], path, errors, out var geometry, out string type)) continue;
            if (type != "Point") { errors.Add(path, $"must be a Point, not {type}"); continue; }
            if (TryPosition(geometry.GetProperty("coordinates"), $"{path}.coordinates", lonLat, errors, out var x, out var y))
                points.Add(new InputPoint(x, y, features[i]));
        }
        return points;
    }

    public static List<InputPolygon> ReadPolygons(JsonElement? collection, string field, bool lonLat, FieldErrors errors)
    {
        var polygons = new List<InputPolygon>();
        var features = FeaturesOf(collection, field, AnalysisLimits.MaxUnits, errors);
        var ids = new HashSet<string>();
        int vertices = 0;
        for (int i = 0; i < features.Count; i++)
        {
            string path = $"{field}.features[{i}]";
            string? id = IdOf(features[i]);
            if (id is null) errors.Add($"{path}.properties.id", "is required: a string or number identifying the unit");
            else if (!ids.Add(id)) errors.Add($"{path}.properties.id", $"'{id}' is used by more than one unit");
            if (!TryGeometry(features[i], $"{path}.geometry", errors, out var geometry, out string type)) continue;
            var rings = PolygonalRings(geometry, type, $"{path}.geometry", lonLat, errors);
            if (rings is null) continue;
            vertices += rings.Sum(r => r.Count);
            if (id is not null && rings.Count > 0) polygons.Add(new InputPolygon(id, rings));
        }
        if (vertices > AnalysisLimits.MaxUnitVertices)
            errors.Add(field, $"has {vertices} vertices; the limit is {AnalysisLimits.MaxUnitVertices}: simplify the units");
        return polygons;
    }

    /// <summary>
    /// An optional GeoJSON Polygon or MultiPolygon geometry (not a Feature), e.g. a target area:
    /// its rings, or null when it is absent (or wrong, with the error under <paramref name="field"/>).
    /// </summary>
    public static List<IReadOnlyList<(double X, double Y)>>? ReadPolygon(JsonElement? geometry, string field, bool lonLat, FieldErrors errors)
    {
        if (geometry is not { ValueKind: not JsonValueKind.Null } g) return null;
        if (g.ValueKind != JsonValueKind.Object || !g.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || !g.TryGetProperty("coordinates", out _))
        {
            errors.Add(field, "must be a GeoJSON Polygon or MultiPolygon geometry with type and coordinates");
            return null;
        }
        var rings = PolygonalRings(g, type.GetString()!, field, lonLat, errors);
        if (rings is null) return null;
        if (rings.Count == 0) { errors.Add($"{field}.coordinates", "needs at least one linear ring"); return null; }
        int vertices = rings.Sum(r => r.Count);
        if (vertices > AnalysisLimits.MaxUnitVertices)
        {
            errors.Add(field, $"has {vertices} vertices; the limit is {AnalysisLimits.MaxUnitVertices}: simplify the polygon");
            return null;
        }
        return rings;
    }

    // All rings of a Polygon or MultiPolygon geometry (each at least four positions); null, with an error, for another type.
    private static List<IReadOnlyList<(double X, double Y)>>? PolygonalRings(JsonElement geometry, string type, string path, bool lonLat, FieldErrors errors)
    {
        var coordinates = geometry.GetProperty("coordinates");
        List<JsonElement>? polygonsOf = type switch
        {
            "Polygon" => [coordinates],
            "MultiPolygon" when coordinates.ValueKind == JsonValueKind.Array => coordinates.EnumerateArray().ToList(),
            _ => null,
        };
        if (polygonsOf is null) { errors.Add(path, $"must be a Polygon or MultiPolygon, not {type}"); return null; }
        var rings = new List<IReadOnlyList<(double X, double Y)>>();
        foreach (var polygon in polygonsOf)
            rings.AddRange(ReadRings(polygon, $"{path}.coordinates", lonLat, errors));
        return rings;
    }

    private static List<JsonElement> FeaturesOf(JsonElement? collection, string field, int max, FieldErrors errors)
    {
        if (collection is not { ValueKind: JsonValueKind.Object } fc)
        {
            errors.Add(field, "is required: a GeoJSON FeatureCollection");
            return [];
        }
        if (!fc.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection")
        {
            errors.Add($"{field}.type", "must be \"FeatureCollection\"");
            return [];
        }
        if (!fc.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{field}.features", "is required: an array of features");
            return [];
        }
        int count = features.GetArrayLength();
        if (count > max)
        {
            errors.Add($"{field}.features", $"has {count} features; the limit is {max}");
            return [];
        }
        return features.EnumerateArray().ToList();
    }

    private static bool TryGeometry(JsonElement feature, string path, FieldErrors errors, out JsonElement geometry, out string type)
    {
        geometry = default;
        type = "";
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "Feature")
        {
            errors.Add(path[..path.LastIndexOf('.')], "must be a GeoJSON Feature");
            return false;
        }
        if (!feature.TryGetProperty("geometry", out geometry) || geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var gt) || gt.ValueKind != JsonValueKind.String
            || !geometry.TryGetProperty("coordinates", out _))
        {
            errors.Add(path, "is required: a GeoJSON geometry with type and coordinates");
            return false;
        }
        type = gt.GetString()!;
        return true;
    }

    private const double MaxPlanar = 1e8;

    private static bool TryPosition(JsonElement position, string path, bool lonLat, FieldErrors errors, out double x, out double y)
    {
        x = y = 0;
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
            || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
        {
            errors.Add(path, "must be a position [x, y] of numbers");
            return false;
        }
        x = position[0].GetDouble();
        y = position[1].GetDouble();
        if (!double.IsFinite(x) || !double.IsFinite(y)) { errors.Add(path, "must be finite numbers"); return false; }
        if (lonLat && (x < -180 || x > 180 || y < -90 || y > 90))
        {
            errors.Add(path, "must be longitude -180..180, latitude -90..90 (GeoJSON order is lon, lat) when srid is 4326");
            return false;
        }
        // Every projected CRS fits well inside this; beyond it sums of squares (ellipse, KDE, distances) overflow to infinity.
        if (Math.Abs(x) > MaxPlanar || Math.Abs(y) > MaxPlanar)
        {
            errors.Add(path, $"must be planar metres between -{MaxPlanar:0} and {MaxPlanar:0} when srid is not 4326");
            return false;
        }
        return true;
    }

    private static IEnumerable<IReadOnlyList<(double, double)>> ReadRings(JsonElement polygon, string path, bool lonLat, FieldErrors errors)
    {
        if (polygon.ValueKind != JsonValueKind.Array) { errors.Add(path, "must be an array of linear rings"); yield break; }
        foreach (var ring in polygon.EnumerateArray())
        {
            if (ring.ValueKind != JsonValueKind.Array || ring.GetArrayLength() < 4)
            {
                errors.Add(path, "each linear ring needs at least four positions (closed)");
                continue;
            }
            var points = new List<(double, double)>();
            foreach (var position in ring.EnumerateArray())
                if (TryPosition(position, path, lonLat, errors, out var x, out var y)) points.Add((x, y));
            if (points.Count >= 4) yield return points;
        }
    }

    private static string? IdOf(JsonElement feature)
    {
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("properties", out var properties)
            || properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty("id", out var id))
            return null;
        return id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        };
    }
}

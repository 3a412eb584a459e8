using System.Globalization;
using System.Text.Json;

namespace SceneMonitor.Core.Regions;

/// <summary>Checks one GeoJSON file of a region pack on its raw JSON, before any geometry library sees
/// it, so that each problem is told in the deployer's terms (file, feature, ring) rather than as a
/// parser's exception: not a FeatureCollection, a CRS other than WGS84 lon/lat, projected
/// coordinates, the wrong geometry type, an unclosed or too short ring, a missing name property.</summary>
public static class GeoJsonFileCheck
{
    // The spellings of WGS84 lon/lat a "crs" member may carry (old GeoJSON 2008 files keep one).
    private static readonly string[] Wgs84Names =
        ["urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "CRS84", "OGC:CRS84"];

    /// <summary>The problems of <paramref name="path"/> (shown as <paramref name="label"/>), each a
    /// sentence starting with the label. <paramref name="geometry"/> is "Point" for a gazetteer, else
    /// polygons; <paramref name="requiredProperties"/> must be non-empty on every feature.</summary>
    public static List<string> Problems(string path, string label, string geometry, IReadOnlyCollection<string> requiredProperties)
    {
        var problems = new List<string>();
        if (!File.Exists(path)) { problems.Add($"{label}: file missing ({path})"); return problems; }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { problems.Add($"{label}: not valid JSON ({e.Message})"); return problems; }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != "FeatureCollection"
                || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"{label}: not a GeoJSON FeatureCollection");
                return problems;
            }
            if (CrsName(root) is { } crs && !Wgs84Names.Contains(crs, StringComparer.OrdinalIgnoreCase))
                problems.Add($"{label}: wrong CRS: the file names {crs}; a pack's files must be WGS84 longitude/latitude (EPSG:4326 / CRS84)");
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                index++;
                var where = $"{label}: feature {index}";
                CheckProperties(feature, requiredProperties, where, problems);
                CheckGeometry(feature, geometry, where, problems);
                if (problems.Count >= 20) { problems.Add($"{label}: more problems not listed"); break; }
            }
        }
        return problems;
    }

    private static void CheckProperties(JsonElement feature, IReadOnlyCollection<string> required, string where, List<string> problems)
    {
        var props = feature.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        foreach (var name in required)
        {
            var ok = props.ValueKind == JsonValueKind.Object && props.TryGetProperty(name, out var v)
                && (v.ValueKind == JsonValueKind.Number || (v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length > 0));
            if (!ok) problems.Add($"{where}: property '{name}' is missing or empty");
        }
    }

    private static void CheckGeometry(JsonElement feature, string expected, string where, List<string> problems)
    {
        if (!feature.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: no geometry");
            return;
        }
        var type = Text(g, "type");
        var allowed = expected == "Point" ? new[] { "Point" } : ["Polygon", "MultiPolygon"];
        if (type is null || !allowed.Contains(type))
        {
            problems.Add($"{where}: geometry is {type ?? "missing"}, expected {string.Join(" or ", allowed)}");
            return;
        }
        if (!g.TryGetProperty("coordinates", out var c) || c.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{where}: geometry has no coordinates");
            return;
        }
        switch (type)
        {
            case "Point": CheckPosition(c, where, problems); break;
            case "Polygon": CheckPolygon(c, where, problems); break;
            default:
                var n = 0;
                foreach (var polygon in c.EnumerateArray()) CheckPolygon(polygon, $"{where}, polygon {++n}", problems);
                break;
        }
    }

    private static void CheckPolygon(JsonElement rings, string where, List<string> problems)
    {
        var r = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            r++;
            var positions = ring.ValueKind == JsonValueKind.Array ? ring.EnumerateArray().ToList() : [];
            if (positions.Count < 4) { problems.Add($"{where}: ring {r} has {positions.Count} positions, a closed ring needs at least 4"); continue; }
            foreach (var position in positions) if (!CheckPosition(position, where, problems)) return;
            var (first, last) = (positions[0], positions[^1]);
            if (first[0].GetDouble() != last[0].GetDouble() || first[1].GetDouble() != last[1].GetDouble())
                problems.Add($"{where}: ring {r} is not closed: it starts at ({Show(first)}) and ends at ({Show(last)}); the last position must repeat the first");
        }
    }

    /// <summary>False (and one problem) when the position is not a lon/lat pair: projected metres
    /// (a file in Lambert or UTM) show up here as numbers far beyond ±180 / ±90.</summary>
    private static bool CheckPosition(JsonElement position, string where, List<string> problems)
    {
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
            || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
        {
            problems.Add($"{where}: a position is not a pair of numbers");
            return false;
        }
        var (lon, lat) = (position[0].GetDouble(), position[1].GetDouble());
        if (lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            problems.Add($"{where}: wrong CRS: ({Show(position)}) is not a longitude/latitude; the file seems to be in projected metres (Lambert, UTM); convert it to WGS84 (EPSG:4326)");
            return false;
        }
        return true;
    }

    private static string Show(JsonElement position) =>
        string.Join(", ", position.EnumerateArray().Take(2).Select(v => v.GetDouble().ToString(CultureInfo.InvariantCulture)));

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>The CRS a 2008-style "crs" member names, if any.</summary>
    private static string? CrsName(JsonElement root) =>
        root.TryGetProperty("crs", out var crs) && crs.ValueKind == JsonValueKind.Object
        && crs.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? Text(p, "name") : null;
}

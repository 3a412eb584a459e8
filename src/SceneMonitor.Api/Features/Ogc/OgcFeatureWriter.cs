using System.Text.Json;
using Npgsql;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>The SELECT list for features of a source in an output CRS, and the writer that turns each
/// row straight into GeoJSON (no row objects, no per-row strings for points, numbers and times).
/// Columns: id, then x and y (points) or the GeoJSON geometry text (polygons), then the properties.</summary>
public static class OgcFeatureWriter
{
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Feature = JsonEncodedText.Encode("Feature");
    private static readonly JsonEncodedText Point = JsonEncodedText.Encode("Point");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Geometry = JsonEncodedText.Encode("geometry");
    private static readonly JsonEncodedText Coordinates = JsonEncodedText.Encode("coordinates");
    private static readonly JsonEncodedText Properties = JsonEncodedText.Encode("properties");

    /// <summary>The select list and what to add to FROM. A reprojected point is computed once in a
    /// LATERAL subquery (OFFSET 0 keeps PostgreSQL from inlining it into both ST_X and ST_Y).</summary>
    public static (string Select, string ExtraFrom) Select(OgcSource s, OgcCrs crs, NpgsqlCommand cmd)
    {
        string geometry, extraFrom = "";
        if (s.IsPoint && crs.Srid == 4326) geometry = $"ST_X({s.Geometry}), ST_Y({s.Geometry})";
        else if (s.IsPoint)
        {
            extraFrom = $" CROSS JOIN LATERAL (SELECT ST_Transform({s.Geometry}, {OgcSource.Parameter(cmd, crs.Srid, NpgsqlTypes.NpgsqlDbType.Integer)}) AS g OFFSET 0) ogc_out";
            geometry = "ST_X(ogc_out.g), ST_Y(ogc_out.g)";
        }
        else
        {
            var g = crs.Srid == 4326 ? s.Geometry : $"ST_Transform({s.Geometry}, {OgcSource.Parameter(cmd, crs.Srid, NpgsqlTypes.NpgsqlDbType.Integer)})";
            if (crs.LatLon) g = $"ST_FlipCoordinates({g})";
            geometry = $"ST_AsGeoJSON({g}, {OgcSource.Parameter(cmd, crs.Digits, NpgsqlTypes.NpgsqlDbType.Integer)}, 0)";
        }
        var properties = s.Properties.Select(p => p.Type == OgcType.Integer ? $"({p.Sql})::bigint" : p.Sql);
        return ($"{s.Id}, {geometry}, {string.Join(", ", properties)}", extraFrom);
    }

    public static void Write(Utf8JsonWriter w, NpgsqlDataReader r, OgcSource s, OgcCrs crs)
    {
        w.WriteStartObject();
        w.WriteString(Type, Feature);
        var id = r.GetInt64(0);
        if (s.KeyedOrder is not null && s.Ids is { } ids) w.WriteString(Id, ids.Opaque(id));
        else w.WriteNumber(Id, id);
        w.WritePropertyName(Geometry);
        int column;
        if (s.IsPoint)
        {
            double x = Math.Round(r.GetDouble(1), crs.Digits), y = Math.Round(r.GetDouble(2), crs.Digits);
            w.WriteStartObject();
            w.WriteString(Type, Point);
            w.WriteStartArray(Coordinates);
            w.WriteNumberValue(crs.LatLon ? y : x);
            w.WriteNumberValue(crs.LatLon ? x : y);
            w.WriteEndArray();
            w.WriteEndObject();
            column = 3;
        }
        else
        {
            if (r.IsDBNull(1)) w.WriteNullValue();
            else w.WriteRawValue(r.GetString(1), skipInputValidation: true);
            column = 2;
        }
        w.WriteStartObject(Properties);
        foreach (var p in s.Properties)
        {
            var i = column++;
            if (r.IsDBNull(i)) { w.WriteNull(p.JsonName); continue; }
            switch (p.Type)
            {
                case OgcType.Integer: w.WriteNumber(p.JsonName, r.GetInt64(i)); break;
                case OgcType.Number: w.WriteNumber(p.JsonName, r.GetDouble(i)); break;
                case OgcType.DateTime: WriteTime(w, p.JsonName, r.GetFieldValue<DateTime>(i)); break;
                default: w.WriteString(p.JsonName, r.GetString(i)); break;
            }
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, JsonEncodedText name, DateTime utc)
    {
        Span<char> text = stackalloc char[20];
        utc.TryFormat(text, out var n, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        w.WriteString(name, text[..n]);
    }
}

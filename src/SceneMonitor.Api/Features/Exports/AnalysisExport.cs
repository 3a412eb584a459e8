using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;

namespace SceneMonitor.Api.Features.Exports;

/// <summary>GET /api/exports/analyses/{id}: one layer of a saved analysis (cells with their change
/// class, vectors, ellipses, centres or the target) as GeoJSON or CSV. The CSV has a representative
/// longitude/latitude (the point, a line's start, a polygon's vertex mean), the end of a line, every
/// property, and the geometry as WKT.</summary>
public static class AnalysisExport
{
    public static readonly string[] Layers = ["cells", "vectors", "ellipses", "centres", "target"];

    public static async Task<Results<GeoJsonResult, CsvResult, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, SceneMonitorDb db, Auditor audit, Privacy privacy, TimeProvider clock, CancellationToken ct)
    {
        var (format, formatProblem) = ExportFile.Format(http.Request.Query);
        if (formatProblem is not null) return formatProblem;
        var layer = http.Request.Query["layer"].FirstOrDefault() ?? "cells";
        if (!Layers.Contains(layer)) return Problems.BadRequest("layer", $"'{layer}' is not a layer; use one of {string.Join(", ", Layers)}");
        var saved = await db.Analyses.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (saved is null) return Problems.NotFound($"Analysis {id}");
        if (!privacy.ViewFor(http.User).MaySee(Features.Displacement.DisplacementService.ViewOf(saved)))
            return Problems.Forbidden($"Analysis {id} was computed on exact points; your role may export analyses of the coarse view only.");

        var result = JsonNode.Parse(saved.ResultJson)!.AsObject();
        var features = (result[layer]?["features"] as JsonArray)?.Select(f => f!.AsObject()).ToList() ?? [];
        var label = result["parameters"]?["studyArea"]?.GetValue<string>() ?? saved.Kind;
        var name = $"scenemonitor_{saved.Kind}_{ExportFile.Slug(label)}_{layer}_{id.ToString()[..8]}_asof_{ExportFile.AsOf(clock.GetUtcNow())}.{ExportFile.Extension(format)}";
        await audit.WriteAsync(http, AuditActions.Export, new { kind = "analysis", analysis = id, layer, format = ExportFile.Extension(format) }, features.Count, ct);

        if (format == ExportFormat.GeoJson)
        {
            ExportFile.Attach(http, name);
            return new GeoJsonResult((w, _) =>
            {
                new JsonObject
                {
                    ["type"] = "FeatureCollection", ["name"] = Path.GetFileNameWithoutExtension(name), ["analysis"] = id.ToString(),
                    ["parameters"] = result["parameters"]?.DeepClone(), ["features"] = new JsonArray(features.Select(f => (JsonNode)f.DeepClone()).ToArray()),
                }.WriteTo(w);
                return Task.CompletedTask;
            });
        }

        var properties = features.SelectMany(f => (f["properties"] as JsonObject)?.Select(p => p.Key) ?? []).Distinct().ToList();
        return new CsvResult(name, async (csv, token) =>
        {
            csv.Row(["longitude", "latitude", "end_longitude", "end_latitude", .. properties, "wkt"]);
            foreach (var f in features)
            {
                var geometry = f["geometry"] as JsonObject;
                var (start, end) = Representative(geometry);
                csv.Number(start?.Lon).Number(start?.Lat).Number(end?.Lon).Number(end?.Lat);
                foreach (var p in properties)
                    if (f["properties"]?[p] is JsonValue v && v.TryGetValue<double>(out var d)) csv.Number(d);
                    else csv.Text(f["properties"]?[p] is { } node ? (node is JsonValue s && s.TryGetValue<string>(out var text) ? text : node.ToJsonString()) : null);
                csv.Text(geometry is null ? null : Wkt(geometry)).End();
                await csv.FlushIfFullAsync(token);
            }
        });
    }

    private sealed record LonLat(double Lon, double Lat);

    private static LonLat Point(JsonNode? c) => new(c![0]!.GetValue<double>(), c[1]!.GetValue<double>());

    private static (LonLat? Start, LonLat? End) Representative(JsonObject? g)
    {
        var c = g?["coordinates"];
        switch (g?["type"]?.GetValue<string>())
        {
            case "Point": return (Point(c), null);
            case "LineString": return (Point(c![0]), Point(c[c.AsArray().Count - 1]));
            case "Polygon":
                var ring = c![0]!.AsArray().Take(c[0]!.AsArray().Count - 1).Select(Point).ToList();
                return (new LonLat(Math.Round(ring.Average(p => p.Lon), 7), Math.Round(ring.Average(p => p.Lat), 7)), null);
            default: return (null, null);
        }
    }

    /// <summary>WKT for the GeoJSON geometry types the analyses produce.</summary>
    private static string Wkt(JsonObject g)
    {
        static string Pos(JsonNode? p) => string.Create(CultureInfo.InvariantCulture, $"{p![0]!.GetValue<double>()} {p[1]!.GetValue<double>()}");
        static string Line(JsonNode? ps) => "(" + string.Join(", ", ps!.AsArray().Select(Pos)) + ")";
        static string Rings(JsonNode? rs) => "(" + string.Join(", ", rs!.AsArray().Select(Line)) + ")";
        var c = g["coordinates"];
        return g["type"]?.GetValue<string>() switch
        {
            "Point" => $"POINT ({Pos(c)})",
            "LineString" => $"LINESTRING {Line(c)}",
            "Polygon" => $"POLYGON {Rings(c)}",
            "MultiPolygon" => new StringBuilder("MULTIPOLYGON (").AppendJoin(", ", c!.AsArray().Select(Rings)).Append(')').ToString(),
            var other => $"GEOMETRYCOLLECTION EMPTY /* {other} */",
        };
    }
}

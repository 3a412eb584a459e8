using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Aggregates;

/// <summary>Aggregated GeoJSON downloads: counts per grid cell or per area, for every role including
/// planners. Cells and areas with 1 to k − 1 observations are suppressed (k = Privacy:MinCount) for
/// everyone, since these are the files that leave the tool. Counting runs on the reader's view of
/// the data (coarsened for analysts and planners), so no cell size or filter reveals more than that
/// view. Each download is written to the audit log as an export.</summary>
public static class AggregateEndpoints
{
    public const double MaxCellSize = 5000;

    public static IEndpointRouteBuilder MapAggregateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/aggregates").WithTags("Aggregates").RequireAuthorization(Policies.Read);
        group.MapGet("/grid", Grid)
            .WithSummary("Observation counts per hexagon (grid=hex, default) or square cell of cellSize metres (default 150) as Polygon features; same filters as /api/observations; cells with fewer than k observations left out.");
        group.MapGet("/areas", Areas)
            .WithSummary("Observation counts per area of a kind (municipality, default; neighbourhood; custom) as features; counts from 1 to k − 1 are null with suppressed = true.");
        return app;
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> Grid(HttpContext http, NpgsqlDataSource db, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var q = http.Request.Query;
        var (filter, problem) = FilterParser.Parse(q);
        if (problem is not null) return problem;
        var minSize = Math.Max(50, privacy.Settings.GridMetres);
        var cellSize = 150.0;
        if (q.TryGetValue("cellSize", out var sizeText) &&
            (!double.TryParse(sizeText, NumberStyles.Float, CultureInfo.InvariantCulture, out cellSize) || !double.IsFinite(cellSize) || cellSize < minSize || cellSize > MaxCellSize))
            return Problems.BadRequest("cellSize", $"must be a number of metres from {minSize} to {MaxCellSize}");
        var kind = q["grid"].FirstOrDefault() ?? "hex";
        if (kind is not ("hex" or "square")) return Problems.BadRequest("grid", "must be hex or square");

        var view = privacy.ViewFor(http.User);
        await using var cmd = new NpgsqlCommand();
        var where = ObservationSql.Where(filter!, cmd, view);
        cmd.CommandText = $"SELECT ST_X(p.loc), ST_Y(p.loc), o.quantity FROM {ObservationSql.From} CROSS JOIN LATERAL (SELECT {view.Location} AS loc) p WHERE {where}";
        var points = new List<(double Lon, double Lat, int Quantity)>();
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            cmd.Connection = conn;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) points.Add((r.GetDouble(0), r.GetDouble(1), r.GetInt32(2)));
        }

        var projection = privacy.Settings.Srid == 3812 ? LambertConformalConic.BelgianLambert2008 : MetricProjection.For(points.Select(p => new LonLat(p.Lon, p.Lat)));
        var grid = CellGrid.Create(kind == "hex" ? GridKind.Hexagon : GridKind.Square, cellSize);
        var cells = new Dictionary<CellKey, (int Count, long Quantity)>();
        foreach (var (lon, lat, quantity) in points)
        {
            var key = grid.CellOf(projection.Forward(new LonLat(lon, lat)));
            var c = cells.GetValueOrDefault(key);
            cells[key] = (c.Count + 1, c.Quantity + quantity);
        }
        var shown = cells.Where(c => c.Value.Count >= privacy.MinCount).OrderBy(c => c.Key.I).ThenBy(c => c.Key.J).ToList();
        await audit.WriteAsync(http, AuditActions.Export, new { kind = "grid", grid = kind, cellSize, filter = Auditor.Query(http.Request) }, shown.Count, ct);

        return new GeoJsonResult((w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteString("grid", kind);
            w.WriteNumber("cellSize", cellSize);
            w.WriteNumber("minCount", privacy.MinCount);
            w.WriteStartArray("features");
            foreach (var (key, (count, quantity)) in shown)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteString("id", key.ToString());
                w.WriteStartObject("geometry");
                w.WriteString("type", "Polygon");
                w.WriteStartArray("coordinates");
                w.WriteStartArray();
                var ring = grid.Polygon(key);
                foreach (var corner in ring.Append(ring[0]))
                {
                    var ll = projection.Inverse(corner);
                    w.WriteStartArray();
                    w.WriteNumberValue(Math.Round(ll.Lon, 7));
                    w.WriteNumberValue(Math.Round(ll.Lat, 7));
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteNumber("i", key.I);
                w.WriteNumber("j", key.J);
                w.WriteNumber("count", count);
                w.WriteNumber("quantity", quantity);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            return Task.CompletedTask;
        });
    }

    private sealed record AreaCount(int Id, string Name, string? Code, string Geometry, int Count, long Quantity);

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> Areas(HttpContext http, NpgsqlDataSource db, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var q = http.Request.Query;
        var (filter, problem) = FilterParser.Parse(q);
        if (problem is not null) return problem;
        var kind = AreaKind.Municipality;
        if (q.TryGetValue("kind", out var kindText) && (!Enum.TryParse(kindText, ignoreCase: true, out kind) || kind == AreaKind.Region))
            return Problems.BadRequest("kind", "must be municipality, neighbourhood or custom");

        var view = privacy.ViewFor(http.User);
        await using var cmd = new NpgsqlCommand();
        var where = ObservationSql.Where(filter!, cmd, view);
        // Points probe the areas' spatial index; areas without observations still appear with 0.
        cmd.CommandText = $"""
            WITH pts AS (SELECT {view.Location} AS loc, o.quantity FROM {ObservationSql.From} WHERE {where}),
                 counts AS (SELECT a.id, count(*)::int AS n, sum(pts.quantity)::bigint AS q
                            FROM pts JOIN areas a ON a.kind = @kind AND ST_Covers(a.geometry, pts.loc) GROUP BY a.id)
            SELECT a.id, a.name, a.code, ST_AsGeoJSON(a.geometry, 6), coalesce(c.n, 0), coalesce(c.q, 0)
            FROM areas a LEFT JOIN counts c ON c.id = a.id WHERE a.kind = @kind ORDER BY a.name, a.id
            """;
        cmd.Parameters.AddWithValue("kind", kind.ToString());
        var rows = new List<AreaCount>();
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            cmd.Connection = conn;
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                rows.Add(new AreaCount(r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt64(5)));
        }
        await audit.WriteAsync(http, AuditActions.Export, new { kind = "areas", areaKind = kind.ToString(), filter = Auditor.Query(http.Request) }, rows.Count, ct);

        return new GeoJsonResult((w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteString("areaKind", JsonNamingPolicy.CamelCase.ConvertName(kind.ToString()));
            w.WriteNumber("minCount", privacy.MinCount);
            w.WriteStartArray("features");
            foreach (var a in rows)
            {
                var suppressed = privacy.IsSmall(a.Count);
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteNumber("id", a.Id);
                w.WritePropertyName("geometry");
                w.WriteRawValue(a.Geometry, skipInputValidation: true);
                w.WriteStartObject("properties");
                w.WriteNumber("id", a.Id);
                w.WriteString("name", a.Name);
                w.WriteString("code", a.Code);
                if (suppressed) { w.WriteNull("count"); w.WriteNull("quantity"); }
                else { w.WriteNumber("count", a.Count); w.WriteNumber("quantity", a.Quantity); }
                w.WriteBoolean("suppressed", suppressed);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            return Task.CompletedTask;
        });
    }
}

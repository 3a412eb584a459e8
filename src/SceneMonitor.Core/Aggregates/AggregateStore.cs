using Npgsql;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Aggregates;

/// <summary>The counting queries behind the aggregated downloads. Both read through the caller's
/// <see cref="ObservationView"/>, so counts never rest on more than that reader's view of the data.
/// Counts come back whole; suppressing small ones is the caller's part.</summary>
public sealed class AggregateStore(NpgsqlDataSource db)
{
    /// <summary>One observation as the reader sees it, for cells counted in memory.</summary>
    public sealed record Point(double Lon, double Lat, int Quantity, string Category);

    public sealed record CategoryCount(string Category, int Count, long Quantity);

    /// <summary>An area of the asked kind with its polygon (GeoJSON and WKT, 6 decimals), a point on its
    /// surface and its counts per category (empty when nothing matched inside it).</summary>
    public sealed record AreaCounts(int Id, string Name, string? Code, string GeoJson, string Wkt, double Lon, double Lat, List<CategoryCount> Categories);

    /// <summary>The matching observations' points, quantities and categories: the grid is laid in
    /// memory, so the cell size and shape need no SQL of their own.</summary>
    public async Task<List<Point>> PointsAsync(ObservationFilter filter, ObservationView view, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand();
        var where = ObservationSql.Where(filter, cmd, view);
        cmd.CommandText = $"SELECT ST_X(p.loc), ST_Y(p.loc), o.quantity, c.code FROM {ObservationSql.From} CROSS JOIN LATERAL (SELECT {view.Location} AS loc) p WHERE {where}";
        var points = new List<Point>();
        await using var conn = await db.OpenConnectionAsync(ct);
        cmd.Connection = conn;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) points.Add(new Point(r.GetDouble(0), r.GetDouble(1), r.GetInt32(2), r.GetString(3)));
        return points;
    }

    /// <summary>Every area of <paramref name="kind"/>, by name then id, with its counts.</summary>
    public async Task<List<AreaCounts>> AreasAsync(ObservationFilter filter, ObservationView view, AreaKind kind, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand();
        var where = ObservationSql.Where(filter, cmd, view);
        // Points probe the areas' spatial index; areas without observations still appear with 0.
        cmd.CommandText = $"""
            WITH pts AS (SELECT {view.Location} AS loc, o.quantity, c.code FROM {ObservationSql.From} WHERE {where}),
                 counts AS (SELECT a.id, pts.code, count(*)::int AS n, sum(pts.quantity)::bigint AS q
                            FROM pts JOIN areas a ON a.kind = @kind AND ST_Covers(a.geometry, pts.loc) GROUP BY a.id, pts.code)
            SELECT a.id, a.name, a.code, ST_AsGeoJSON(a.geometry, 6), ST_AsText(a.geometry, 6),
                   ST_X(ST_PointOnSurface(a.geometry)), ST_Y(ST_PointOnSurface(a.geometry)), c.code, coalesce(c.n, 0), coalesce(c.q, 0)
            FROM areas a LEFT JOIN counts c ON c.id = a.id WHERE a.kind = @kind ORDER BY a.name, a.id
            """;
        cmd.Parameters.AddWithValue("kind", kind.ToString());
        var areas = new List<AreaCounts>();
        await using var conn = await db.OpenConnectionAsync(ct);
        cmd.Connection = conn;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            // One row per area and category, an area's rows together (ordered by name, id).
            var id = r.GetInt32(0);
            if (areas.Count == 0 || areas[^1].Id != id)
                areas.Add(new AreaCounts(id, r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetString(4), r.GetDouble(5), r.GetDouble(6), []));
            if (!r.IsDBNull(7)) areas[^1].Categories.Add(new CategoryCount(r.GetString(7), r.GetInt32(8), r.GetInt64(9)));
        }
        return areas;
    }
}

using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Analyses;

/// <summary>Grid cells over the study area (ST_HexagonGrid / ST_SquareGrid in the metric CRS of the view, the region pack's metricEpsg) and the
/// counts of each cell in each period [bounds[t], bounds[t + 1]) (equal periods or calendar weeks or
/// months). Locations and times are read through the caller's <see cref="ObservationView"/> (grid
/// point and hour for coarse views). Serves the emerging analysis and the evolution frames alike.</summary>
public sealed class EmergingData(NpgsqlDataSource db)
{
    public sealed record Cell(CellKey Key, string GeoJson, double X, double Y, double[] Counts);

    public async Task<List<Cell>> LoadAsync(Geometry study, IReadOnlyList<string> categories, IReadOnlyList<DateTimeOffset> bounds,
        GridKind kind, double size, ObservationView view, CancellationToken ct)
    {
        if (bounds.Count < 2 || bounds.Zip(bounds.Skip(1)).Any(b => b.Second <= b.First))
            throw new ArgumentException("Period bounds must be at least two increasing instants.", nameof(bounds));
        int periods = bounds.Count - 1;
        var (from, to) = (bounds[0], bounds[^1]);
        var starts = bounds.Take(periods).Select(b => b.UtcTicks).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        var cells = new Dictionary<CellKey, Cell>();
        await using (var cmd = new NpgsqlCommand($"""
            WITH {GridSql.CellsCte(kind)}
            SELECT i, j, ST_AsGeoJSON(ST_Transform(geom, 4326), 6), ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom))
            FROM cells ORDER BY i, j
            """, conn))
        {
            view.Bind(cmd);
            cmd.Parameters.AddWithValue("study", study);
            cmd.Parameters.AddWithValue("size", size);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var key = new CellKey(r.GetInt32(0), r.GetInt32(1));
                cells[key] = new Cell(key, r.GetString(2), r.GetDouble(3), r.GetDouble(4), new double[periods]);
            }
        }

        // Points are assigned to cells and periods arithmetically (same keys as the grid function).
        var grid = CellGrid.Create(kind, size);
        await using (var cmd = new NpgsqlCommand($"""
            SELECT ST_X(ST_Transform(v.loc, @metric_srid)), ST_Y(ST_Transform(v.loc, @metric_srid)), v.t
            FROM observations o JOIN categories c ON c.id = o.category_id
                 CROSS JOIN LATERAL (SELECT {view.Location} AS loc, {view.ObservedAt} AS t) v
            WHERE NOT o.retracted AND ST_Intersects(v.loc, @study)
              AND {view.InWindow("from", "to")}
              AND (cardinality(@categories) = 0 OR c.code = ANY(@categories))
            """, conn))
        {
            view.Bind(cmd);
            cmd.Parameters.AddWithValue("study", study);
            cmd.Parameters.AddWithValue("from", from.ToUniversalTime());
            cmd.Parameters.AddWithValue("to", to.ToUniversalTime());
            cmd.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = categories.ToArray() });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (!cells.TryGetValue(grid.CellOf(r.GetDouble(0), r.GetDouble(1)), out var cell)) continue;
                // The last period start at or before t (t is within [from, to) by the WHERE clause).
                var at = Array.BinarySearch(starts, r.GetFieldValue<DateTimeOffset>(2).UtcTicks);
                cell.Counts[at >= 0 ? at : ~at - 1]++;
            }
        }
        return cells.Values.ToList();
    }
}

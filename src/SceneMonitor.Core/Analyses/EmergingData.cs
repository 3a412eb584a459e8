using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Analyses;

/// <summary>Grid cells over the study area (ST_HexagonGrid / ST_SquareGrid in EPSG:3812) and the
/// counts of each cell in each of N equal periods of [from, to). Locations and times are read
/// through the caller's <see cref="ObservationView"/> (grid point and hour for coarse views).</summary>
public sealed class EmergingData(NpgsqlDataSource db)
{
    public sealed record Cell(CellKey Key, string GeoJson, double X, double Y, double[] Counts);

    public async Task<List<Cell>> LoadAsync(Geometry study, IReadOnlyList<string> categories, DateTimeOffset from, DateTimeOffset to,
        int periods, GridKind kind, double size, ObservationView view, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var cells = new Dictionary<CellKey, Cell>();
        await using (var cmd = new NpgsqlCommand($"""
            WITH {GridSql.CellsCte(kind)}
            SELECT i, j, ST_AsGeoJSON(ST_Transform(geom, 4326), 6), ST_X(ST_Centroid(geom)), ST_Y(ST_Centroid(geom))
            FROM cells ORDER BY i, j
            """, conn))
        {
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
        var length = (to - from).Ticks / (double)periods;
        await using (var cmd = new NpgsqlCommand($"""
            SELECT ST_X(ST_Transform(v.loc, 3812)), ST_Y(ST_Transform(v.loc, 3812)), v.t
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
                var period = (int)Math.Min(periods - 1, (r.GetFieldValue<DateTimeOffset>(2) - from).Ticks / length);
                cell.Counts[period]++;
            }
        }
        return cells.Values.ToList();
    }
}

using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace SceneMonitor.Core.Sweeps;

/// <summary>Writes sweeps (observation effort) with plain parameterised SQL: the route's buffer is
/// computed by PostGIS, on the geography type, as the row is written.</summary>
public sealed class SweepStore(NpgsqlDataSource db)
{
    /// <param name="Area">A Polygon or MultiPolygon, or a LineString route when <paramref name="WidthMetres"/> is above 0.</param>
    /// <param name="WidthMetres">The route's width either side in metres; 0 for an area.</param>
    public sealed record NewSweep(string Source, string? Organisation, Geometry Area, double WidthMetres, DateTimeOffset From, DateTimeOffset To, string RecordedBy);

    /// <summary>The new sweep's id and its area as stored (a route comes back buffered).</summary>
    public async Task<(int Id, Geometry Area)> InsertAsync(NewSweep sweep, CancellationToken ct)
    {
        // Buffering on the geography type gives the route's width in true metres.
        await using var cmd = db.CreateCommand("""
            INSERT INTO sweeps (source, organisation, area, "from", "to", recorded_by, created_at)
            VALUES (@source, @org, CASE WHEN @width > 0 THEN ST_Buffer(@g::geography, @width)::geometry ELSE @g END, @from, @to, @by, now())
            RETURNING id, ST_AsBinary(area)
            """);
        cmd.Parameters.AddWithValue("source", sweep.Source);
        cmd.Parameters.AddWithValue("org", (object?)sweep.Organisation ?? DBNull.Value);
        cmd.Parameters.AddWithValue("g", sweep.Area);
        cmd.Parameters.AddWithValue("width", sweep.WidthMetres);
        cmd.Parameters.AddWithValue("from", sweep.From.ToUniversalTime());
        cmd.Parameters.AddWithValue("to", sweep.To.ToUniversalTime());
        cmd.Parameters.AddWithValue("by", sweep.RecordedBy);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return (r.GetInt32(0), new WKBReader().Read(r.GetFieldValue<byte[]>(1)));
    }
}

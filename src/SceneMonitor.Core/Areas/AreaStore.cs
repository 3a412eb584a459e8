using System.Runtime.CompilerServices;
using Npgsql;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Areas;

/// <summary>Reads areas: the list of boundaries, and the counts per category of the observations
/// inside one area in a period, read through the caller's <see cref="ObservationView"/>. Counts
/// come back whole; planners' suppression is the caller's part.</summary>
public sealed class AreaStore(NpgsqlDataSource db)
{
    /// <param name="Kind">The stored AreaKind name.</param>
    /// <param name="GeoJson">The boundary as GeoJSON, 7 decimals.</param>
    public sealed record AreaListing(int Id, string Name, string? NameFr, string? NameNl, string Kind, string? Code, string GeoJson);

    public sealed record CategoryCount(string Category, int Count, long Quantity);

    /// <param name="Kind">The stored AreaKind name.</param>
    /// <param name="Categories">Every category, in the legend's order, with 0 where nothing matched.</param>
    public sealed record AreaCounts(string Name, string Kind, List<CategoryCount> Categories);

    /// <summary>Every area, or those of <paramref name="kind"/>, by kind then name; streamed, since
    /// boundaries are large and the caller writes each one as it comes. A <paramref name="tolerance"/>
    /// (degrees) above 0 simplifies each outline for a map that cannot show finer detail (topology
    /// kept: no ring collapses or crosses itself); <paramref name="digits"/> are the decimals written.</summary>
    public async IAsyncEnumerable<AreaListing> ListAsync(AreaKind? kind, [EnumeratorCancellation] CancellationToken ct, double tolerance = 0, int digits = 7)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, name, name_fr, name_nl, kind, code,
                   ST_AsGeoJSON(CASE WHEN @tolerance > 0 THEN ST_SimplifyPreserveTopology(geometry, @tolerance) ELSE geometry END, @digits)
            FROM areas WHERE @kind::text IS NULL OR kind = @kind ORDER BY kind, name
            """);
        cmd.Parameters.AddWithValue("kind", NpgsqlTypes.NpgsqlDbType.Text, (object?)kind?.ToString() ?? DBNull.Value);
        cmd.Parameters.AddWithValue("tolerance", tolerance);
        cmd.Parameters.AddWithValue("digits", digits);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            yield return new AreaListing(r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6));
    }

    /// <summary>A version of the areas of <paramref name="kind"/> (all when null) that changes whenever
    /// one is added, changed or deleted: their number and the newest row version (xmin), read
    /// without touching the geometries. Lets a listing be cached and revalidated (ETag).</summary>
    public async Task<string> VersionAsync(AreaKind? kind, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT count(*) || '.' || coalesce(max(xmin::text::bigint), 0) FROM areas WHERE @kind::text IS NULL OR kind = @kind
            """);
        cmd.Parameters.AddWithValue("kind", NpgsqlTypes.NpgsqlDbType.Text, (object?)kind?.ToString() ?? DBNull.Value);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The area's counts in [from, to), or null when there is no area <paramref name="areaId"/>.</summary>
    public async Task<AreaCounts?> CountsAsync(int areaId, DateTimeOffset? from, DateTimeOffset? to, ObservationView view, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var areaCmd = new NpgsqlCommand("SELECT name, kind FROM areas WHERE id = @id", conn);
        areaCmd.Parameters.AddWithValue("id", areaId);
        string name, kind;
        await using (var r = await areaCmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return null;
            (name, kind) = (r.GetString(0), r.GetString(1));
        }

        // The same filter code as the observation list, on the reader's view (coarsened for analysts and planners).
        await using var cmd = new NpgsqlCommand { Connection = conn };
        var where = ObservationSql.Where(new ObservationFilter { From = from, To = to, AreaId = areaId }, cmd, view);
        cmd.CommandText = $"""
            WITH obs AS (SELECT c.code, o.quantity FROM {ObservationSql.From} WHERE {where})
            SELECT c.code, count(obs.code)::int, coalesce(sum(obs.quantity), 0)::bigint
            FROM categories c LEFT JOIN obs ON obs.code = c.code
            GROUP BY c.code, c.sort_order ORDER BY c.sort_order
            """;
        var counts = new List<CategoryCount>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                counts.Add(new CategoryCount(r.GetString(0), r.GetInt32(1), r.GetInt64(2)));
        return new AreaCounts(name, kind, counts);
    }
}

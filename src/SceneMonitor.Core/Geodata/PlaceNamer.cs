using Npgsql;
using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Core.Geodata;

/// <summary>A location's name in the three languages: a gazetteer place (<see cref="PlaceId"/> set)
/// or, failing one, the neighbourhood that contains it.</summary>
public sealed record PlaceName(string Nl, string Fr, string En, string? PlaceId);

/// <summary>Names locations for people: the nearest gazetteer place within <see cref="Radius"/>
/// metres (measured in the gazetteer's metric CRS, the region pack's), else the neighbourhood (areas of kind Neighbourhood, IBSA
/// monitoring districts) that contains the point, else nothing.</summary>
public sealed class PlaceNamer(Gazetteer gazetteer, NpgsqlDataSource db)
{
    /// <summary>350 m: about five minutes' walk, the distance at which people still say "at
    /// Clemenceau" and at which two neighbouring stations of the demo area are not confused
    /// (Lemonnier and Anneessens are about 600 m apart).</summary>
    public const double Radius = 350;

    public Gazetteer Gazetteer => gazetteer;

    /// <summary>The gazetteer place near a point, if any (no database call).</summary>
    public PlaceName? Place(PlanarPoint point) =>
        gazetteer.Nearest(point, Radius) is { } p ? new PlaceName(p.NameNl, p.NameFr, p.NameEn, p.Id) : null;

    /// <summary>One name per point (in the gazetteer's metric CRS): a gazetteer place, else its neighbourhood, else null.</summary>
    public async Task<IReadOnlyList<PlaceName?>> NameAsync(IReadOnlyList<PlanarPoint> points, CancellationToken ct)
    {
        var names = points.Select(Place).ToArray();
        var missing = Enumerable.Range(0, points.Count).Where(i => names[i] is null).ToList();
        if (missing.Count == 0) return names;
        var neighbourhoods = await NeighbourhoodsAsync(missing.Select(i => points[i]).ToList(), ct);
        for (var k = 0; k < missing.Count; k++) names[missing[k]] = neighbourhoods[k];
        return names;
    }

    /// <summary>The neighbourhood containing each point (in the gazetteer's metric CRS), in one query. Neighbourhood
    /// names are stored title-cased from the upper-case source; English uses the French name, as
    /// English-language texts about Brussels usually do.</summary>
    public async Task<IReadOnlyList<PlaceName?>> NeighbourhoodsAsync(IReadOnlyList<PlanarPoint> points, CancellationToken ct)
    {
        var result = new PlaceName?[points.Count];
        if (points.Count == 0) return result;
        await using var cmd = db.CreateCommand("""
            SELECT p.i, n.name, n.name_fr, n.name_nl
            FROM unnest(@x, @y) WITH ORDINALITY AS p(x, y, i)
            CROSS JOIN LATERAL (
                SELECT a.name, a.name_fr, a.name_nl FROM areas a
                WHERE a.kind = 'Neighbourhood' AND ST_Covers(a.geometry, ST_Transform(ST_SetSRID(ST_MakePoint(p.x, p.y), @metric_srid), 4326))
                ORDER BY a.id LIMIT 1) n
            """);
        cmd.Parameters.AddWithValue("x", points.Select(p => p.X).ToArray());
        cmd.Parameters.AddWithValue("y", points.Select(p => p.Y).ToArray());
        cmd.Parameters.AddWithValue("metric_srid", gazetteer.Projection.Srid);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var name = r.GetString(1);
            var fr = r.IsDBNull(2) ? name : r.GetString(2);
            var nl = r.IsDBNull(3) ? name : r.GetString(3);
            result[(int)r.GetInt64(0) - 1] = new PlaceName(nl, fr, fr, null);
        }
        return result;
    }
}

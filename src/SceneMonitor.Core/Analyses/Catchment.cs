using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using SceneMonitor.Analysis.Displacement;

namespace SceneMonitor.Core.Analyses;

/// <summary>
/// The one definition of the zones around a target (docs/methods.md, "Catchment"). Every distance
/// is measured in the region pack's metric CRS (EPSG:3812, Belgian Lambert 2008, for the Belgian packs) from the target's edge: an observation at
/// distance d belongs to the target when d = 0 and to ring k when r₍ₖ₋₁₎ &lt; d ≤ rₖ, as for posted
/// points (<see cref="AreaCounting"/>). The control is the service region (or the caller's chosen
/// control) beyond <see cref="DisplacementParameters.EffectiveControlFrom"/>.
/// <para>One scan of the observations (location and time through the caller's view) counts them
/// per distance band between every edge the analysis needs (the rings, the sensitivity widths and
/// the control's start), inside or outside the region and the chosen control; the zone counts and
/// the sensitivity table are sums of those bands, so they agree with each other by construction.
/// Areas come from buffers drawn in that CRS with 64 segments per quarter circle (an arc of 1 km
/// is then within 8 cm of its chords, the area within 0.01 %).</para>
/// </summary>
public static class Catchment
{
    /// <summary>Segments per quarter circle of every buffer drawn here.</summary>
    private const string BufferStyle = "quad_segs=64";

    public sealed record Loaded(List<DisplacementData.ZoneRow> Zones, CatchmentBands Bands);

    /// <summary>The distance edges counted: rings, sensitivity widths and the control's start, sorted.</summary>
    public static double[] Edges(DisplacementParameters p) =>
        p.RingDistances.Concat(Sensitivity.DefaultWidths).Append(p.EffectiveControlFrom).Where(e => e > 0).Distinct().Order().ToArray();

    public static async Task<Loaded> LoadAsync(NpgsqlConnection conn, DisplacementParameters p, CancellationToken ct)
    {
        var edges = Edges(p);
        var counts = await BandCountsAsync(conn, p, edges, ct);
        var areas = await BandAreasAsync(conn, p, edges, ct);
        var bands = Bands(edges, counts, areas, p);
        var zones = await ShapesAsync(conn, p, ct);
        var from = p.EffectiveControlFrom;
        var rows = zones.Select(z =>
        {
            // Target: band 0; ring k: the bands between its edges; control: beyond the control's start.
            var (c, area) = z.Zone switch
            {
                "target" => (bands.Bands[0].All, bands.Bands[0].Area),
                "ring" => Sum(bands.Bands.Skip(1).Where(b => b.Inner >= z.Inner && b.Outer <= z.Outer), b => b.All, b => b.Area),
                _ => bands.Chosen is { } chosen ? (chosen.Counts, chosen.Area) : Beyond(bands, from),
            };
            return z with { Before = (int)c.Before, After = (int)c.After, AreaM2 = area };
        }).ToList();
        return new Loaded(rows, bands);
    }

    /// <summary>The service region beyond <paramref name="from"/>: its total less its parts nearer the target.</summary>
    private static (BeforeAfter, double) Beyond(CatchmentBands bands, double from)
    {
        var (near, nearArea) = Sum(bands.Bands.Where(b => b.Outer <= from), b => b.InRegion, b => b.RegionArea);
        return (new BeforeAfter(bands.Region.Before - near.Before, bands.Region.After - near.After), bands.RegionArea - nearArea);
    }

    private static (BeforeAfter, double) Sum(IEnumerable<CatchmentBand> bands, Func<CatchmentBand, BeforeAfter> counts, Func<CatchmentBand, double> area)
    {
        double before = 0, after = 0, a = 0;
        foreach (var b in bands) { before += counts(b).Before; after += counts(b).After; a += area(b); }
        return (new BeforeAfter(before, after), a);
    }

    /// <summary>Counts per band (0 = target, k = edges[k−1] &lt; d ≤ edges[k], edges.Length + 1 = beyond
    /// the last edge), period, inside the region or not, inside the chosen control or not.</summary>
    private static async Task<List<(int Band, bool InA, bool InRegion, bool InControl, int Count)>> BandCountsAsync(
        NpgsqlConnection conn, DisplacementParameters p, double[] edges, CancellationToken ct)
    {
        await using var cmd = DisplacementData.Command(conn, p, $"""
            WITH t AS MATERIALIZED (SELECT ST_Transform(@target, @metric_srid) AS g),
            region AS MATERIALIZED (SELECT ST_Union(geometry) AS g FROM areas WHERE kind = 'Region'),
            obs AS (
                SELECT {DisplacementData.InBefore(p.View)} AS in_a,
                       ST_Distance(t.g, ST_Transform(v.loc, @metric_srid)) AS d,
                       coalesce(ST_Covers(region.g, v.loc), false) AS in_region,
                       coalesce(ST_Covers(@control, v.loc), false) AS in_control
                FROM observations o JOIN categories c ON c.id = o.category_id
                CROSS JOIN LATERAL (SELECT {p.View.Location} AS loc) v CROSS JOIN t CROSS JOIN region
                WHERE {DisplacementData.InPeriods(p.View)})
            SELECT CASE WHEN d = 0 THEN 0 ELSE 1 + (SELECT count(*) FROM unnest(@edges) e WHERE e < obs.d)::int END,
                   in_a, in_region, in_control, count(*)::int
            FROM obs GROUP BY 1, 2, 3, 4
            """);
        Bind(cmd, p, edges);
        var rows = new List<(int, bool, bool, bool, int)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add((r.GetInt32(0), r.GetBoolean(1), r.GetBoolean(2), r.GetBoolean(3), r.GetInt32(4)));
        return rows;
    }

    /// <summary>Area within distance e of the target (e = 0: the target) in all, in the region and in the
    /// chosen control, for 0 and every edge; the last row holds the region's and the control's totals.</summary>
    private static async Task<List<(double All, double Region, double Control)>> BandAreasAsync(
        NpgsqlConnection conn, DisplacementParameters p, double[] edges, CancellationToken ct)
    {
        await using var cmd = DisplacementData.Command(conn, p, $"""
            WITH t AS (SELECT ST_Transform(@target, @metric_srid) AS g),
            region AS (SELECT ST_Transform(ST_Union(geometry), @metric_srid) AS g FROM areas WHERE kind = 'Region'),
            ctl AS (SELECT ST_Transform(@control, @metric_srid) AS g),
            near AS (SELECT x.k, CASE WHEN x.e = 0 THEN t.g ELSE ST_Buffer(t.g, x.e, '{BufferStyle}') END AS g
                     FROM t, unnest(@edges0) WITH ORDINALITY AS x(e, k))
            SELECT near.k, ST_Area(near.g), coalesce(ST_Area(ST_Intersection(region.g, near.g)), 0), coalesce(ST_Area(ST_Intersection(ctl.g, near.g)), 0)
            FROM near, region, ctl
            UNION ALL
            SELECT 1 + cardinality(@edges0), 0, coalesce(ST_Area(region.g), 0), coalesce(ST_Area(ctl.g), 0) FROM region, ctl
            ORDER BY 1
            """);
        Bind(cmd, p, edges);
        var rows = new List<(double, double, double)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add((r.GetDouble(1), r.GetDouble(2), r.GetDouble(3)));
        return rows;
    }

    /// <summary>The library's band input from the scan and the areas.</summary>
    private static CatchmentBands Bands(double[] edges, List<(int Band, bool InA, bool InRegion, bool InControl, int Count)> counts,
        List<(double All, double Region, double Control)> areas, DisplacementParameters p)
    {
        BeforeAfter Count(Func<(int Band, bool InA, bool InRegion, bool InControl, int Count), bool> where) =>
            new(counts.Where(c => c.InA && where(c)).Sum(c => c.Count), counts.Where(c => !c.InA && where(c)).Sum(c => c.Count));
        var bands = new List<CatchmentBand>();
        for (var k = 0; k <= edges.Length; k++)
        {
            var (inner, outer) = k == 0 ? (0.0, 0.0) : (k == 1 ? 0 : edges[k - 2], edges[k - 1]);
            var (a, below) = (areas[k], k == 0 ? (All: 0.0, Region: 0.0, Control: 0.0) : areas[k - 1]);
            bands.Add(new CatchmentBand(inner, outer,
                Count(c => c.Band == k), a.All - below.All,
                Count(c => c.Band == k && c.InRegion), a.Region - below.Region,
                Count(c => c.Band == k && c.InControl), a.Control - below.Control));
        }
        var totals = areas[^1];
        var from = p.EffectiveControlFrom;
        // The chosen control less its part within the control's start (bands nearer, and the target).
        var chosen = p.Control is null ? null : new ChosenControl(
            Count(c => c.InControl && (c.Band > edges.Length || (c.Band > 0 && edges[c.Band - 1] > from))),
            totals.Control - areas[Array.IndexOf(edges, from) + 1].Control, from);
        return new CatchmentBands(bands, Count(c => c.InRegion), totals.Region, chosen);
    }

    /// <summary>The zones' shapes (SRID 4326) drawn in the metric CRS: the target, each ring, and the control
    /// (the chosen one or the region) less everything within the control's start; counts and areas
    /// are left 0 (<see cref="LoadAsync"/> fills them). For other analyses that count in the same
    /// zones (e.g. per week): `ST_Covers(zone, location)` on these shapes agrees with the distance
    /// rule to within the 8 cm of an arc drawn with 64 segments per quarter circle.</summary>
    public static async Task<List<DisplacementData.ZoneRow>> ShapesAsync(NpgsqlConnection conn, DisplacementParameters p, CancellationToken ct)
    {
        await using var cmd = DisplacementData.Command(conn, p, $"""
            WITH t AS (SELECT ST_Transform(@target, @metric_srid) AS g),
            region AS (SELECT ST_Transform(ST_Union(geometry), @metric_srid) AS g FROM areas WHERE kind = 'Region'),
            ctl AS (SELECT ST_Transform(@control, @metric_srid) AS g),
            zones AS (
                SELECT 0 AS ord, 'target' AS zone, 0::float8 AS inner_m, 0::float8 AS outer_m, @target AS geom
                UNION ALL
                SELECT 1, 'ring', d.inner_m, d.outer_m, ST_Transform(ST_Difference(ST_Buffer(t.g, d.outer_m, '{BufferStyle}'),
                       CASE WHEN d.inner_m = 0 THEN t.g ELSE ST_Buffer(t.g, d.inner_m, '{BufferStyle}') END), 4326)
                FROM t, unnest(@inner, @outer) AS d(inner_m, outer_m)
                UNION ALL
                SELECT 2, 'control', @from, 0, ST_Transform(ST_Difference(coalesce(ctl.g, region.g),
                       CASE WHEN @from = 0 THEN t.g ELSE ST_Buffer(t.g, @from, '{BufferStyle}') END), 4326)
                FROM t, region, ctl)
            SELECT zone, inner_m, outer_m, ST_AsGeoJSON(geom, 6), geom FROM zones WHERE geom IS NOT NULL ORDER BY ord, inner_m
            """);
        Bind(cmd, p, Edges(p));
        var rings = p.RingDistances;
        cmd.Parameters.AddWithValue("inner", rings.Select((_, i) => i == 0 ? 0 : rings[i - 1]).ToArray());
        cmd.Parameters.AddWithValue("outer", rings);
        cmd.Parameters.AddWithValue("from", p.EffectiveControlFrom);
        var zones = new List<DisplacementData.ZoneRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            zones.Add(new DisplacementData.ZoneRow(r.GetString(0), r.GetDouble(1), r.GetDouble(2), 0, 0, 0, r.GetString(3), r.GetFieldValue<Geometry>(4)));
        return zones;
    }

    private static void Bind(NpgsqlCommand cmd, DisplacementParameters p, double[] edges)
    {
        cmd.Parameters.AddWithValue("target", p.Target!);
        cmd.Parameters.AddWithValue("control", NpgsqlDbType.Geometry, (object?)p.Control ?? DBNull.Value);
        cmd.Parameters.AddWithValue("edges", edges);
        cmd.Parameters.AddWithValue("edges0", edges.Prepend(0).ToArray());
    }
}

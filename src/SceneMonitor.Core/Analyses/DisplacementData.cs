using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Analysis.Sppt;
using SceneMonitor.Analysis.TimeSeries;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Analyses;

/// <summary>The spatial heavy lifting in PostGIS: the hexagon/square grid over the study area in
/// the region pack's metric CRS (@metric_srid, EPSG:3812 for the Belgian packs) with counts per period, the points of each period with their
/// neighbourhood, and the counts in target, buffer rings and control (<see cref="Catchment"/>).
/// Numbers are computed in C#.
/// Every location and time is read through the parameters' <see cref="ObservationView"/>, so an
/// analyst's or planner's analysis runs on the grid points and hours they may see, never on the
/// stored values.</summary>
public sealed class DisplacementData(NpgsqlDataSource db, MetricProjection metric)
{
    public sealed record PointRow(double X, double Y, bool InA);
    public sealed record UnitCounts(int Id, string Name, int Before, int After);
    /// <summary>A zone of the catchment (<see cref="Catchment"/>): "target", "ring" or "control", its
    /// counts, planar area in the metric CRS and its shape (SRID 4326, also as GeoJSON; the weekly series
    /// (<see cref="DisplacementSeries"/>) counts in this shape).</summary>
    public sealed record ZoneRow(string Zone, double Inner, double Outer, int Before, int After, double AreaM2, string GeoJson, Geometry Geometry);

    public sealed record Result(IReadOnlyList<StudyCell> Cells, IReadOnlyList<PointRow> Points, IReadOnlyList<ZoneRow> Zones, IReadOnlyList<UnitCounts> Units)
    {
        /// <summary>The counts per distance band behind the zones and the sensitivity table.</summary>
        public CatchmentBands? Bands { get; init; }
        /// <summary>Weekly counts of the zones over the whole series (null without target or control).</summary>
        public WeeklyZoneCounts? Series { get; init; }
    }

    /// <summary>The analysis library's input for these data: the study area's cells, the points of each
    /// period in the metric CRS, the zone counts and areas measured here, and the neighbourhoods for SPPT.</summary>
    public static DisplacementInput Input(DisplacementParameters p, Result data)
    {
        var target = data.Zones.FirstOrDefault(z => z.Zone == "target");
        var control = data.Zones.FirstOrDefault(z => z.Zone == "control");
        var rings = data.Zones.Where(z => z.Zone == "ring").ToList();
        return new DisplacementInput(
            data.Points.Where(x => x.InA).Select(x => new PlanarPoint(x.X, x.Y)).ToArray(),
            data.Points.Where(x => !x.InA).Select(x => new PlanarPoint(x.X, x.Y)).ToArray())
        {
            GridKind = p.Grid == "square" ? GridKind.Square : GridKind.Hexagon,
            CellSize = p.CellSize,
            Neighbourhood = p.K is { } k ? Neighbourhood.Nearest(k) : Neighbourhood.Band(p.EffectiveBand),
            FalseDiscoveryRate = p.Fdr,
            GiPermutations = p.Permutations,
            Seed = p.Seed,
            Universe = CellUniverse.Given,
            Cells = data.Cells,
            OnlySweptCells = p.OnlySweptCells,
            RingDistances = p.RingDistances,
            MaxLinkDistance = p.MaxVectorDistance,
            Projection = MetricProjection.ForEpsg(p.View.Srid),
            Zones = target is null || control is null ? null : new Analysis.Displacement.ZoneCounts(
                new BeforeAfter(target.Before, target.After), target.AreaM2,
                rings.Select(r => new BeforeAfter(r.Before, r.After)).ToArray(), rings.Select(r => r.AreaM2).ToArray(),
                new BeforeAfter(control.Before, control.After), control.AreaM2),
            Bands = data.Bands,
            Sppt = new SpptInput(new SpptCounts(
                data.Units.Select(u => u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                data.Units.Select(u => u.Before).ToArray(), data.Units.Select(u => u.After).ToArray()), p.SpptSamples, p.SpptPercent, p.Seed,
                p.SpptMethod == "resample" ? SpptMethod.Resample : SpptMethod.Proportion),
            Series = data.Series,
        };
    }

    /// <summary>Observations in either period (the time as the view shows it) and the chosen categories
    /// (alias o, joined to c).</summary>
    internal static string InPeriods(ObservationView view) => $"""
        NOT o.retracted
        AND (({view.InWindow("a_from", "a_to")}) OR ({view.InWindow("b_from", "b_to")}))
        AND (cardinality(@categories) = 0 OR c.code = ANY(@categories))
        """;

    /// <summary>True when the observation (as the view shows it) is in the before period.</summary>
    internal static string InBefore(ObservationView view) => $"{view.ObservedAt} >= @a_from AND {view.ObservedAt} < @a_to";

    /// <summary>What frames the analysis around an intervention: its start, target and the study area
    /// (the target and 2 km around it, measured in the metric CRS like every distance of the analysis).</summary>
    public sealed record InterventionFrame(string Name, DateTimeOffset Start, Geometry Target, Geometry Study);

    public async Task<InterventionFrame?> InterventionAsync(int id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT name, starts_at, target_area, ST_Transform(ST_Buffer(ST_Transform(target_area, @metric_srid), 2000), 4326) FROM interventions WHERE id = @id
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("metric_srid", metric.Srid);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new InterventionFrame(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<Geometry>(2), r.GetFieldValue<Geometry>(3))
            : null;
    }

    public async Task<Result> LoadAsync(DisplacementParameters p, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // One snapshot for all three queries, so counts agree with each other.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await NoJitAsync(conn, ct);
        var cells = await CellsAsync(conn, p, ct);
        var units = await UnitShapesAsync(conn, p, ct);
        var (points, unitCounts) = await PointsAndUnitsAsync(conn, p, units, ct);
        var catchment = p.Target is null ? null : await Catchment.LoadAsync(conn, p, ct);
        var series = await DisplacementSeries.WeeklyAsync(conn, p, catchment?.Zones ?? [], ct);
        await tx.CommitAsync(ct);
        return new Result(cells, points, catchment?.Zones ?? [], unitCounts) { Bands = catchment?.Bands, Series = series };
    }

    /// <summary>Changes whenever an observation is added, retracted or coarsened, so a saved result is
    /// reused only while the data it was computed from is unchanged. It is shown with every result,
    /// so it is a hash: the row count and highest id behind it would tell any reader how many
    /// observations exist and, asked again, when one was added.</summary>
    public async Task<string> DataVersionAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await NoJitAsync(conn, ct);
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) || '-' || coalesce(max(id), 0) || '-' || coalesce(extract(epoch FROM max(retracted_at))::text, '') || '-' || count(*) FILTER (WHERE coarsened) FROM observations", conn, tx);
        var version = (string)(await cmd.ExecuteScalarAsync(ct))!;
        await tx.CommitAsync(ct);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(version)))[..16];
    }

    /// <summary>Turns PostgreSQL's JIT compilation off for the current transaction. These scans are
    /// costed high enough to trigger it, and compiling took longer than running them: measured at
    /// 1 M stored observations (bench/RESULTS.md), the period scan took 1.8 s with JIT and 0.24 s without.</summary>
    public static async Task NoJitAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SET LOCAL jit = off", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static NpgsqlCommand Command(NpgsqlConnection conn, DisplacementParameters p, string sql)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("study", p.StudyArea);
        cmd.Parameters.AddWithValue("a_from", p.Before.From.ToUniversalTime());
        cmd.Parameters.AddWithValue("a_to", p.Before.To.ToUniversalTime());
        cmd.Parameters.AddWithValue("b_from", p.After.From.ToUniversalTime());
        cmd.Parameters.AddWithValue("b_to", p.After.To.ToUniversalTime());
        cmd.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = p.Categories.ToArray() });
        p.View.Bind(cmd);
        return cmd;
    }

    private static async Task<List<StudyCell>> CellsAsync(NpgsqlConnection conn, DisplacementParameters p, CancellationToken ct)
    {
        await using var cmd = Command(conn, p, $"""
            WITH {GridSql.CellsCte(p.Grid == "square" ? GridKind.Square : GridKind.Hexagon)},
            sw AS (
                SELECT ST_Transform(s.area, @metric_srid) AS g, (s."from" < @a_to AND s."to" > @a_from) AS in_a, (s."from" < @b_to AND s."to" > @b_from) AS in_b
                FROM sweeps s WHERE ST_Intersects(s.area, @study) AND ((s."from" < @a_to AND s."to" > @a_from) OR (s."from" < @b_to AND s."to" > @b_from)))
            SELECT cells.i, cells.j,
                   EXISTS (SELECT 1 FROM sw WHERE sw.in_a AND ST_Intersects(sw.g, cells.geom)),
                   EXISTS (SELECT 1 FROM sw WHERE sw.in_b AND ST_Intersects(sw.g, cells.geom))
            FROM cells
            ORDER BY cells.i, cells.j
            """);
        cmd.Parameters.AddWithValue("size", p.CellSize);
        var cells = new List<StudyCell>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            cells.Add(new StudyCell(new CellKey(r.GetInt32(0), r.GetInt32(1)), r.GetBoolean(2), r.GetBoolean(3)));
        return cells;
    }

    /// <summary>A neighbourhood (SPPT unit) touching the study area, in the metric CRS, with its extent in 4326.</summary>
    private sealed record UnitShape(int Id, string Name, PlanarPolygon Shape, Envelope Extent);

    private static async Task<List<UnitShape>> UnitShapesAsync(NpgsqlConnection conn, DisplacementParameters p, CancellationToken ct)
    {
        await using var cmd = Command(conn, p, """
            SELECT a.id, a.name, ST_AsBinary(ST_Transform(a.geometry, @metric_srid)), ST_XMin(a.geometry), ST_YMin(a.geometry), ST_XMax(a.geometry), ST_YMax(a.geometry)
            FROM areas a WHERE a.kind = 'Neighbourhood' AND ST_Intersects(a.geometry, @study) ORDER BY a.id
            """);
        var units = new List<UnitShape>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var rings = Rings(ReadWkb(r.GetFieldValue<byte[]>(2)));
            units.Add(new UnitShape(r.GetInt32(0), r.GetString(1), new PlanarPolygon(rings), new Envelope(r.GetDouble(3), r.GetDouble(5), r.GetDouble(4), r.GetDouble(6))));
        }
        return units;
    }

    private static List<IReadOnlyList<PlanarPoint>> Rings(Geometry g) =>
        Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OfType<Polygon>()
            .SelectMany(poly => new[] { poly.ExteriorRing }.Concat(poly.InteriorRings))
            .Select(ring => (IReadOnlyList<PlanarPoint>)ring.Coordinates.SkipLast(1).Select(c => new PlanarPoint(c.X, c.Y)).ToArray())
            .Where(ring => ring.Count >= 3).ToList();

    /// <summary>One scan of the observations for both the points of the study area (cells, ellipses)
    /// and the counts per neighbourhood (SPPT units, whole neighbourhoods even beyond the study area).
    /// Measured at 1 M stored observations: a query per neighbourhood (ST_Covers through the location
    /// index) read each neighbourhood's five years of points to keep the two periods' and took longer
    /// than everything else together; here the extent is a constant the planner can weigh against
    /// the periods (it takes the time index for a whole region), and points are assigned to the
    /// neighbourhoods in C#, in the same metric CRS as the cells.</summary>
    private static async Task<(List<PointRow>, List<UnitCounts>)> PointsAndUnitsAsync(
        NpgsqlConnection conn, DisplacementParameters p, List<UnitShape> units, CancellationToken ct)
    {
        var extent = new Envelope(p.StudyArea.EnvelopeInternal);
        foreach (var u in units) extent.ExpandToInclude(u.Extent);
        await using var cmd = Command(conn, p, $"""
            SELECT ST_X(x.p), ST_Y(x.p), x.in_a, ST_Intersects(x.loc, @study) FROM (
                SELECT ST_Transform(v.loc, @metric_srid) AS p, v.loc, {InBefore(p.View)} AS in_a
                FROM observations o JOIN categories c ON c.id = o.category_id CROSS JOIN LATERAL (SELECT {p.View.Location} AS loc) v
                WHERE o.location && @extent AND {InPeriods(p.View)}) x
            """);
        // A point the view moves onto the grid may lie just outside the extent it is read for.
        extent.ExpandBy(p.View.SlackDegrees(extent.MaxY));
        cmd.Parameters.AddWithValue("extent", new GeometryFactory(new PrecisionModel(), 4326).ToGeometry(extent));
        var index = new UnitIndex(units.Select(u => u.Shape).ToList());
        var before = new int[units.Count];
        var after = new int[units.Count];
        var points = new List<PointRow>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var (x, y, inA) = (r.GetDouble(0), r.GetDouble(1), r.GetBoolean(2));
                if (r.GetBoolean(3)) points.Add(new PointRow(x, y, inA));
                foreach (var u in index.Containing(x, y))
                {
                    if (inA) before[u]++;
                    else after[u]++;
                }
            }
        return (points, units.Select((u, i) => new UnitCounts(u.Id, u.Name, before[i], after[i])).ToList());
    }

    public static Geometry ReadWkb(byte[] wkb) => new WKBReader().Read(wkb);
}

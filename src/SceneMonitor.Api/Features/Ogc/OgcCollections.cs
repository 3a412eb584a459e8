using Npgsql;
using NpgsqlTypes;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>What a collection's source needs from the request: the reader's view, the datetime
/// filter, the command that collects the parameters and, to list items, the observation ids
/// (opaque ids and keyed order for coarse readers).</summary>
public sealed record OgcSourceContext(ObservationView View, OgcInterval? Time, NpgsqlCommand Command, int MinCount, SceneMonitor.Api.Security.ObservationIds? Ids = null);

/// <summary>One feature collection of the OGC API. <see cref="PointsOnly"/>: individual observations,
/// never for planners. <see cref="AuditAction"/>: reads are written to the audit log (null: reference data).</summary>
public sealed record OgcCollection(
    string Id, string Title, string Description, string GeometryType, bool PointsOnly, string? AuditAction, bool HasTime,
    Func<OgcSourceContext, OgcSource> Source);

/// <summary>The four collections: observations as the caller's role may see them, counts per category
/// per grid cell (every role, small counts left out), areas and interventions.</summary>
public static class OgcCollections
{
    /// <summary>Square cells in the deployment's metric CRS (the region pack's metricEpsg), as the privacy grid.</summary>
    public const double GridCellMetres = 250;
    public const string Observations = "observations";
    public const string Grid = "observation-grid";

    public static readonly IReadOnlyList<OgcCollection> All =
    [
        new(Observations, "Observations",
            "Individual observations (traces of the drug scene: places and things, never people). Analysts see locations snapped to the privacy grid, hours and no free text; planners use observation-grid.",
            "Point", PointsOnly: true, AuditActions.ReadPoints, HasTime: true, ObservationSource),
        new(Grid, "Observations per category per grid cell",
            $"Counts of observations per category in square cells of {GridCellMetres:0} m (a grid in the region's metric projection: EPSG:3812 for the Belgian packs, a UTM zone elsewhere); a cell with a category of 1 to k − 1 observations shows no category at all (otherwise its total in the aggregates would give the small one back). datetime selects the observations counted; planners give whole days.",
            "Polygon", PointsOnly: false, AuditActions.Export, HasTime: true, GridSource),
        new("areas", "Areas", "Region, municipalities, neighbourhoods and custom target, buffer and control zones.",
            "MultiPolygon", PointsOnly: false, null, HasTime: false, AreaSource),
        new("interventions", "Interventions", "What was done where and from when (target areas); datetime selects interventions running at that time.",
            "MultiPolygon", PointsOnly: false, null, HasTime: true, InterventionSource),
    ];

    public static OgcCollection? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    private static OgcSource ObservationSource(OgcSourceContext ctx)
    {
        var view = ctx.View;
        view.Bind(ctx.Command);
        // A coarse view has no organisation or note (and cannot filter on them): the columns stay, empty.
        IReadOnlyList<OgcProperty> properties =
        [
            new("category", OgcType.String, "c.code", "Category code (see /api/categories)"),
            new("observedAt", OgcType.DateTime, view.ObservedAt, view.IsExact ? "When it was observed" : "When it was observed (the hour)"),
            new("quantity", OgcType.Integer, "o.quantity", "How many items"),
            new("source", OgcType.String, "o.source", "Kind of source organisation"),
            new("organisation", OgcType.String, view.Text("o.organisation"), "Organisation that owns the record", Queryable: view.IsExact),
            new("note", OgcType.String, view.Text("o.note"), "Free-text note", Queryable: false),
        ];
        var where = "NOT o.retracted" + TimeCondition("o.observed_at", view, ctx);
        if (view.IsExact)
            return new OgcSource { From = ObservationSql.From, Where = where, Id = "o.id", Geometry = "o.location", IsPoint = true, Properties = properties, CellSlackDegrees = 0 };
        ctx.Command.Parameters.AddWithValue("ogc_slack", view.SlackDegrees(55));
        // OFFSET 0: the snapped point is computed once per row, not once per use.
        return new OgcSource
        {
            From = $"{ObservationSql.From} CROSS JOIN LATERAL (SELECT {view.Location} AS loc OFFSET 0) p", Where = where, Id = "o.id",
            Geometry = "p.loc", IndexGeometry = "o.location", SlackParameter = "@ogc_slack", IsPoint = true, Properties = properties,
            CellSlackDegrees = view.SlackDegrees(55),
            // Ids and their order would tell the order of records within the hour: opaque ids, keyed order.
            Ids = ctx.Ids, KeyedOrder = ctx.Ids is { } ids ? new ObservationOrder(view, ids.OrderSeed) : null,
        };
    }

    /// <summary>Counting runs on the reader's view (coarsened for analysts and planners), as in the aggregates download.</summary>
    private static OgcSource GridSource(OgcSourceContext ctx)
    {
        var view = ctx.View;
        view.Bind(ctx.Command);
        var where = "NOT o.retracted" + TimeCondition("o.observed_at", view, ctx);
        ctx.Command.Parameters.AddWithValue("ogc_cell", GridCellMetres);
        ctx.Command.Parameters.AddWithValue("ogc_k", ctx.MinCount);
        // OFFSET 0 keeps PostgreSQL from inlining the transform into both ST_X and ST_Y (twice the work).
        // The id packs category and cell (i, j < 100,000 for any point of Belgium's Lambert grid or of a UTM zone, whose coordinates stay below 10,000 km) so
        // that items page by id like every other collection.
        // A cell's categories are its parts and its total is published elsewhere (the grid and area
        // aggregates, the clusters), so the rule is SmallCounts' rule (total kept, every category hidden), in SQL so items still page
        // by id: a cell with any category from 1 to k − 1 (a small cell has one) shows no category.
        return new OgcSource
        {
            From = $"""
                (SELECT * FROM (
                    SELECT c.id::bigint * 10000000000 + g.i::bigint * 100000 + g.j AS id, c.code AS category, g.i, g.j,
                           count(*)::int AS n, sum(o.quantity)::bigint AS quantity,
                           ST_Transform(ST_MakeEnvelope(g.i * @ogc_cell, g.j * @ogc_cell, (g.i + 1) * @ogc_cell, (g.j + 1) * @ogc_cell, @metric_srid), 4326) AS geom,
                           bool_or(count(*) < @ogc_k) OVER (PARTITION BY g.i, g.j) AS small_part
                    FROM {ObservationSql.From}
                    CROSS JOIN LATERAL (SELECT ST_Transform({view.Location}, @metric_srid) AS m OFFSET 0) p
                    CROSS JOIN LATERAL (SELECT floor(ST_X(p.m) / @ogc_cell)::int AS i, floor(ST_Y(p.m) / @ogc_cell)::int AS j) g
                    WHERE {where}
                    GROUP BY c.id, c.code, g.i, g.j) cells
                 WHERE NOT small_part) t
                """,
            Where = "TRUE", Id = "t.id", Geometry = "t.geom", Buffered = true,
            Properties =
            [
                new("category", OgcType.String, "t.category", "Category code"),
                new("count", OgcType.Integer, "t.n", "Number of observations (at least k)"),
                new("quantity", OgcType.Integer, "t.quantity", "Sum of their quantities"),
                new("i", OgcType.Integer, "t.i", $"Cell column: x from i × {GridCellMetres:0} m in EPSG:{view.Srid}"),
                new("j", OgcType.Integer, "t.j", $"Cell row: y from j × {GridCellMetres:0} m in EPSG:{view.Srid}"),
            ],
        };
    }

    private static OgcSource AreaSource(OgcSourceContext ctx) => new()
    {
        // Always MultiPolygon (the region and some municipalities are multi-part), so clients see one geometry type.
        From = "areas a", Where = "TRUE", Id = "a.id::bigint", Geometry = "ST_Multi(a.geometry)", IndexGeometry = "a.geometry",
        Properties =
        [
            new("name", OgcType.String, "a.name", "Name"),
            new("nameFr", OgcType.String, "a.name_fr", "Name in French"),
            new("nameNl", OgcType.String, "a.name_nl", "Name in Dutch"),
            new("kind", OgcType.String, "lower(a.kind)", "region, municipality, neighbourhood or custom"),
            new("code", OgcType.String, "a.code", "Official code (NIS for municipalities, mdzone for neighbourhoods)"),
        ],
    };

    private static OgcSource InterventionSource(OgcSourceContext ctx)
    {
        var where = "TRUE";
        if (ctx.Time is { } t)
        {
            // Running at some time in the interval: started before its end and not ended before its start.
            if (t.End is { } end) where += $" AND i.starts_at <= {OgcSource.Parameter(ctx.Command, end, NpgsqlDbType.TimestampTz)}";
            if (t.Start is { } start) where += $" AND (i.ends_at IS NULL OR i.ends_at >= {OgcSource.Parameter(ctx.Command, start, NpgsqlDbType.TimestampTz)})";
        }
        return new OgcSource
        {
            From = "interventions i", Where = where, Id = "i.id::bigint", Geometry = "ST_Multi(i.target_area)", IndexGeometry = "i.target_area",
            Properties =
            [
                new("name", OgcType.String, "i.name", "Name"),
                new("kind", OgcType.String, "i.kind", "clearance, hotspot_patrol, needle_container, …"),
                new("pillar", OgcType.String, "i.pillar", "prevention, early_intervention, care, harm_reduction or enforcement"),
                new("startsAt", OgcType.DateTime, "i.starts_at", "Start"),
                new("endsAt", OgcType.DateTime, "i.ends_at", "End (null: still running)"),
                new("description", OgcType.String, "i.description", "Description", Queryable: false),
            ],
        };
    }

    /// <summary>The datetime filter on the observation time as the reader sees it. For a coarse view
    /// the exact column is bounded too (an hour wider) so the index on observed_at still serves.</summary>
    private static string TimeCondition(string column, ObservationView view, OgcSourceContext ctx)
    {
        if (ctx.Time is not { } t) return "";
        var sql = "";
        if (t.Start is { } start)
        {
            var p = OgcSource.Parameter(ctx.Command, start, NpgsqlDbType.TimestampTz);
            sql += view.IsExact ? $" AND {column} >= {p}" : $" AND {column} >= {p} AND {view.ObservedAt} >= {p}";
        }
        if (t.End is { } end)
        {
            var p = OgcSource.Parameter(ctx.Command, end, NpgsqlDbType.TimestampTz);
            sql += view.IsExact ? $" AND {column} <= {p}" : $" AND {column} < {p} + interval '1 hour' AND {view.ObservedAt} <= {p}";
        }
        return sql;
    }
}

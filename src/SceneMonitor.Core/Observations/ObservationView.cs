using System.Globalization;
using Npgsql;

namespace SceneMonitor.Core.Observations;

/// <summary>How precisely a reader sees observations. <see cref="Exact"/> is what recorders and admins
/// get; <see cref="Coarse"/> snaps locations to a metric grid (deterministically: the same place
/// always lands on the same grid point), truncates times to the hour and hides free text.
/// Filters are evaluated on the same coarsened values, so no combination of queries (e.g. shrinking
/// a bbox or a time window step by step) reveals more than the coarsened data itself.</summary>
public sealed record ObservationView
{
    public static readonly ObservationView Exact = new();

    /// <summary>Grid spacing in metres in <see cref="Srid"/>; null for exact points.</summary>
    public double? GridMetres { get; private init; }
    /// <summary>The deployment's metric CRS (the region pack's metricEpsg, via Privacy:Srid): the coarse
    /// grid is laid in it, and every analysis reading through this view measures distances, cells and
    /// areas in it (SQL parameter @metric_srid). 3812 only for views built without a region, in tests.</summary>
    public int Srid { get; private init; } = 3812;

    /// <summary>True for planners: the coarse view, from which only aggregates may leave (counts under
    /// the small-count rule, no cell or point geometry of observations).</summary>
    public bool AggregatesOnly { get; private init; }

    /// <summary>The exact view, measuring in the given metric CRS.</summary>
    public static ObservationView ExactIn(int srid) => new() { Srid = srid };

    public static ObservationView Coarse(double gridMetres, int srid = 3812)
    {
        if (!double.IsFinite(gridMetres) || gridMetres <= 0) throw new ArgumentOutOfRangeException(nameof(gridMetres));
        return new ObservationView { GridMetres = gridMetres, Srid = srid };
    }

    /// <summary>The planners' view: <see cref="Coarse"/>, aggregates only.</summary>
    public static ObservationView Aggregates(double gridMetres, int srid = 3812) => Coarse(gridMetres, srid) with { AggregatesOnly = true };

    public bool IsExact => GridMetres is null;

    /// <summary>The precision a result computed on this view has: "exact", or "coarse" (planners'
    /// analyses run on the coarse view too; they only see less of the result).</summary>
    public string Level => IsExact ? "exact" : "coarse";

    /// <summary>True when a reader with this view may see a result computed at <paramref name="level"/>:
    /// an exact result only by exact readers, a coarse one by everyone (planners through their summary).</summary>
    public bool MaySee(string level) => level == "coarse" || IsExact;

    /// <summary>SQL for the location as this reader sees it (geometry, SRID 4326), over alias o.</summary>
    public string Location => IsExact ? "o.location" : "ST_Transform(ST_SnapToGrid(ST_Transform(o.location, @metric_srid), @view_grid), 4326)";

    /// <summary>A subquery for CROSS JOIN LATERAL giving the point as the reader sees it in columns lon
    /// and lat. Exact views read the stored lon/lat columns, which the cell index carries, so a
    /// query needing nothing else is answered from that index alone.</summary>
    public string Coordinates => IsExact
        ? "SELECT o.lon, o.lat"
        : $"SELECT ST_X(s.loc) AS lon, ST_Y(s.loc) AS lat FROM (SELECT {Location} AS loc) s";

    /// <summary>SQL for the observation time as this reader sees it.</summary>
    public string ObservedAt => IsExact ? "o.observed_at" : "date_trunc('hour', o.observed_at, 'UTC')";

    /// <summary>SQL for "observed in [@from, @to)" as this reader sees the time, over alias o. For a
    /// coarse view the stored time bounds the scan first, so the time index serves both views (the
    /// hour of t is before `to` only if t is before `to` + 1 hour); the exact form is unchanged SQL.</summary>
    public string InWindow(string from, string to) => IsExact
        ? $"o.observed_at >= @{from} AND o.observed_at < @{to}"
        : $"o.observed_at >= @{from} AND o.observed_at < @{to} + interval '1 hour' AND {ObservedAt} >= @{from} AND {ObservedAt} < @{to}";

    /// <summary>SQL for a free-text column: hidden (NULL) unless exact.</summary>
    public string Text(string column) => IsExact ? column : "NULL::text";

    /// <summary>How far (degrees) a snapped point can lie from the real one, generously, for index pre-filters.</summary>
    public double SlackDegrees(double latitude) =>
        IsExact ? 0 : GridMetres!.Value / 111_000.0 / Math.Max(0.1, Math.Cos(Math.Abs(latitude) * Math.PI / 180));

    /// <summary>Adds the parameters the SQL fragments above use (once per command), and @metric_srid,
    /// the metric CRS every distance and cell of a query through this view is measured in.</summary>
    public void Bind(NpgsqlCommand cmd)
    {
        if (!cmd.Parameters.Contains("metric_srid")) cmd.Parameters.AddWithValue("metric_srid", Srid);
        if (IsExact || cmd.Parameters.Contains("view_grid")) return;
        cmd.Parameters.AddWithValue("view_grid", GridMetres!.Value);
    }

    public override string ToString() => IsExact ? "exact" : string.Create(CultureInfo.InvariantCulture, $"grid {GridMetres} m (EPSG:{Srid}), hour{(AggregatesOnly ? ", aggregates only" : "")}");
}

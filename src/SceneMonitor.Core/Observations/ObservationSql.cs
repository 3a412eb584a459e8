using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Core.Observations;

/// <summary>Turns an <see cref="ObservationFilter"/> into a parameterised WHERE clause over
/// `observations o JOIN categories c`. Only parameters carry values; the SQL text is fixed fragments.</summary>
public static class ObservationSql
{
    public const string From = "observations o JOIN categories c ON c.id = o.category_id";

    /// <summary>The WHERE clause; with a coarse <paramref name="view"/> every condition is evaluated on
    /// the coarsened location and time (see <see cref="ObservationView"/>).</summary>
    public static string Where(ObservationFilter f, NpgsqlCommand cmd, ObservationView? view = null)
    {
        view ??= ObservationView.Exact;
        view.Bind(cmd);
        var sql = new StringBuilder("TRUE");
        if (!f.IncludeRetracted) sql.Append(" AND NOT o.retracted");
        var cells = ViewportCellsFor(f, view);
        if (f.Bbox is { Length: 4 } b)
        {
            // A bbox up to the size of a region is answered from the cell index (see AppendCells); a
            // larger one (more than a city) selects most rows and is tested row by row.
            if (cells is null) sql.Append(" AND o.location && ST_Expand(ST_MakeEnvelope(@bx0, @by0, @bx1, @by1, 4326), @bslack)");
            if (!view.IsExact) sql.Append($" AND {view.Location} && ST_MakeEnvelope(@bx0, @by0, @bx1, @by1, 4326)");
            cmd.Parameters.AddWithValue("bx0", b[0]);
            cmd.Parameters.AddWithValue("by0", b[1]);
            cmd.Parameters.AddWithValue("bx1", b[2]);
            cmd.Parameters.AddWithValue("by1", b[3]);
            cmd.Parameters.AddWithValue("bslack", Slack(b, view));
        }
        if (f.From is { } from)
        {
            // t >= from follows from trunc(t) >= from; stated so the index on observed_at serves both views.
            sql.Append($" AND o.observed_at >= @from AND {view.ObservedAt} >= @from");
            cmd.Parameters.AddWithValue("from", from.ToUniversalTime());
        }
        if (f.To is { } to)
        {
            sql.Append(view.IsExact ? " AND o.observed_at < @to" : $" AND o.observed_at < @to + interval '1 hour' AND {view.ObservedAt} < @to");
            cmd.Parameters.AddWithValue("to", to.ToUniversalTime());
        }
        if (f.Categories.Count > 0)
        {
            sql.Append(" AND c.code = ANY(@categories)");
            cmd.Parameters.Add(new NpgsqlParameter("categories", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = f.Categories.ToArray() });
        }
        if (cells is not null) AppendCells(sql, cmd, f, cells);
        if (f.Sources.Count > 0)
        {
            sql.Append(" AND o.source = ANY(@sources)");
            cmd.Parameters.Add(new NpgsqlParameter("sources", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = f.Sources.ToArray() });
        }
        if (f.AreaId is { } areaId)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM areas a WHERE a.id = @area AND ST_Covers(a.geometry, {view.Location}))");
            cmd.Parameters.AddWithValue("area", areaId);
        }
        return sql.ToString();
    }

    private static double Slack(double[] b, ObservationView view) => view.SlackDegrees(Math.Max(Math.Abs(b[1]), Math.Abs(b[3])));

    /// <summary>The cells under the filter's bbox (widened by the view's slack) when the bbox is not
    /// larger than a region; otherwise null.</summary>
    public static int[]? ViewportCellsFor(ObservationFilter f, ObservationView? view = null)
    {
        if (f.Bbox is not { Length: 4 } b) return null;
        var slack = Slack(b, view ?? ObservationView.Exact);
        return ViewportCells.Covering(b[0] - slack, b[1] - slack, b[2] + slack, b[3] + slack);
    }

    /// <summary>The bbox and categories of a read as conditions of the cell index (cell, category_id,
    /// observed_at), which carries the columns an exact page reads: one short range scan per cell and
    /// category, bounded by the window's conditions on o.observed_at when there is one, and no table
    /// pages. lon/lat BETWEEN is the exact bbox test (with the view's slack). This is the only
    /// spatial index of observations: a GiST index on location cost nearly twice as much to maintain
    /// on ingest, and ANDed with the time index it made viewports several times dearer (bench/notes.md).</summary>
    private static void AppendCells(StringBuilder sql, NpgsqlCommand cmd, ObservationFilter f, int[] cells)
    {
        sql.Append($" AND {ViewportCells.Sql("o")} = ANY(@cells)")
            .Append(" AND o.lon BETWEEN @bx0 - @bslack AND @bx1 + @bslack AND o.lat BETWEEN @by0 - @bslack AND @by1 + @bslack");
        cmd.Parameters.Add(new NpgsqlParameter("cells", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = cells });
        // As ids, so that the categories are an index condition too (the code is in another table).
        if (f.Categories.Count > 0) sql.Append(" AND o.category_id = ANY(ARRAY(SELECT k.id FROM categories k WHERE k.code = ANY(@categories)))");
    }
}

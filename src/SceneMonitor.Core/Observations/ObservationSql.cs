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
        var window = IsViewportWindow(f);
        if (f.Bbox is { Length: 4 } b)
        {
            // A short window is answered from the time index (its entries carry lon/lat, category and
            // the retraction flag), see AppendWindow; otherwise the location index serves the bbox.
            if (!window) sql.Append(" AND o.location && ST_Expand(ST_MakeEnvelope(@bx0, @by0, @bx1, @by1, 4326), @bslack)");
            if (!view.IsExact) sql.Append($" AND {view.Location} && ST_MakeEnvelope(@bx0, @by0, @bx1, @by1, 4326)");
            cmd.Parameters.AddWithValue("bx0", b[0]);
            cmd.Parameters.AddWithValue("by0", b[1]);
            cmd.Parameters.AddWithValue("bx1", b[2]);
            cmd.Parameters.AddWithValue("by1", b[3]);
            cmd.Parameters.AddWithValue("bslack", view.SlackDegrees(Math.Max(Math.Abs(b[1]), Math.Abs(b[3]))));
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
        if (window) AppendWindow(sql, f, view);
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

    /// <summary>Windows up to this long (a map viewport: a day, a week, a month or a quarter, with a
    /// bbox) read the time index instead of the location index.</summary>
    public static readonly TimeSpan ViewportWindow = TimeSpan.FromDays(92);

    public static bool IsViewportWindow(ObservationFilter f) =>
        f.Bbox is { Length: 4 } && f.From is { } from && f.To is { } to && to - from <= ViewportWindow;

    /// <summary>The bbox, window, categories and retraction of a viewport as one semi-join over the
    /// time index (observed_at, id) INCLUDE (lon, lat, category_id, retracted): the window's index
    /// entries are filtered by coordinates inside the index, and only the rows that match are read
    /// from the table. Left to itself the planner ANDs the location index (every point of the bbox
    /// over all years) with the time index, which costs several times more at 1 M rows
    /// (bench/notes.md, "Viewport"). lon/lat BETWEEN is the bbox test the location index made
    /// (the same slack for coarse views); the outer conditions stay as they are.</summary>
    private static void AppendWindow(StringBuilder sql, ObservationFilter f, ObservationView view)
    {
        sql.Append(" AND o.id IN (SELECT i.id FROM observations i WHERE i.lon BETWEEN @bx0 - @bslack AND @bx1 + @bslack")
            .Append(" AND i.lat BETWEEN @by0 - @bslack AND @by1 + @bslack AND i.observed_at >= @from")
            .Append(view.IsExact ? " AND i.observed_at < @to" : " AND i.observed_at < @to + interval '1 hour'");
        if (!f.IncludeRetracted) sql.Append(" AND NOT i.retracted");
        if (f.Categories.Count > 0) sql.Append(" AND i.category_id IN (SELECT k.id FROM categories k WHERE k.code = ANY(@categories))");
        sql.Append(')');
    }
}

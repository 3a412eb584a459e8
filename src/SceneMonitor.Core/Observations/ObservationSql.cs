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
        if (f.Bbox is { Length: 4 } b)
        {
            sql.Append(" AND o.location && ST_Expand(ST_MakeEnvelope(@bx0, @by0, @bx1, @by1, 4326), @bslack)");
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
}

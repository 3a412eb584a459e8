using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Core.Observations;

/// <summary>Turns an <see cref="ObservationFilter"/> into a parameterised WHERE clause over
/// `observations o JOIN categories c`. Only parameters carry values; the SQL text is fixed fragments.</summary>
public static class ObservationSql
{
    public const string From = "observations o JOIN categories c ON c.id = o.category_id";

    public static string Where(ObservationFilter f, NpgsqlCommand cmd)
    {
        var sql = new StringBuilder("TRUE");
        if (!f.IncludeRetracted) sql.Append(" AND NOT o.retracted");
        if (f.Bbox is { Length: 4 } b)
        {
            sql.Append(" AND o.location && ST_MakeEnvelope(@bx0, @by0, @bx1, @by1, 4326)");
            cmd.Parameters.AddWithValue("bx0", b[0]);
            cmd.Parameters.AddWithValue("by0", b[1]);
            cmd.Parameters.AddWithValue("bx1", b[2]);
            cmd.Parameters.AddWithValue("by1", b[3]);
        }
        if (f.From is { } from)
        {
            sql.Append(" AND o.observed_at >= @from");
            cmd.Parameters.AddWithValue("from", from.ToUniversalTime());
        }
        if (f.To is { } to)
        {
            sql.Append(" AND o.observed_at < @to");
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
            sql.Append(" AND EXISTS (SELECT 1 FROM areas a WHERE a.id = @area AND ST_Covers(a.geometry, o.location))");
            cmd.Parameters.AddWithValue("area", areaId);
        }
        return sql.ToString();
    }
}

using NetTopologySuite.Geometries;
using Npgsql;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Core.Analyses;

/// <summary>Weekly counts before an intervention for its target and for the neighbourhoods a control
/// may be chosen from (those farther than the control's start from the target, measured in
/// the metric CRS like the catchment), read through the caller's view.</summary>
public sealed class ControlSuggestionData(NpgsqlDataSource db)
{
    public sealed record Neighbourhood(int Id, string Name, string? NameFr, string? NameNl, double[] Weekly);

    public sealed record Result(double[] Target, IReadOnlyList<Neighbourhood> Candidates);

    /// <param name="from">Start of the first week; weeks are whole 7-day steps from it.</param>
    public async Task<Result> LoadAsync(Geometry target, double controlFrom, DateTimeOffset from, int weeks, ObservationView view, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await DisplacementData.NoJitAsync(conn, ct);
        var candidates = new List<Neighbourhood>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT a.id, a.name, a.name_fr, a.name_nl FROM areas a
            WHERE a.kind = 'Neighbourhood' AND NOT ST_DWithin(ST_Transform(a.geometry, @metric_srid), ST_Transform(@target, @metric_srid), @control_from)
            ORDER BY a.id
            """, conn, tx))
        {
            view.Bind(cmd);
            cmd.Parameters.AddWithValue("target", target);
            cmd.Parameters.AddWithValue("control_from", controlFrom);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                candidates.Add(new Neighbourhood(r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), new double[weeks]));
        }
        var targetWeekly = new double[weeks];
        var byId = candidates.ToDictionary(c => c.Id);
        // One scan of the period: each observation (as the view shows it) to its week, and to the
        // target (distance 0 in the metric CRS, as the catchment counts it) or a candidate neighbourhood.
        await using (var cmd = new NpgsqlCommand($"""
            WITH obs AS (
                SELECT floor(extract(epoch FROM ({view.ObservedAt} - @from)) / 604800)::int AS w, v.loc
                FROM observations o CROSS JOIN LATERAL (SELECT {view.Location} AS loc) v
                WHERE NOT o.retracted AND {view.InWindow("from", "to")})
            SELECT -1, w, count(*)::int FROM obs WHERE ST_Distance(ST_Transform(@target, @metric_srid), ST_Transform(obs.loc, @metric_srid)) = 0 GROUP BY w
            UNION ALL
            SELECT a.id, w, count(*)::int FROM obs JOIN areas a ON a.id = ANY(@ids) AND ST_Covers(a.geometry, obs.loc) GROUP BY a.id, w
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("target", target);
            cmd.Parameters.AddWithValue("from", from.ToUniversalTime());
            cmd.Parameters.AddWithValue("to", from.AddDays(7 * weeks).ToUniversalTime());
            cmd.Parameters.AddWithValue("ids", candidates.Select(c => c.Id).ToArray());
            view.Bind(cmd);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var (id, week, count) = (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2));
                if (week < 0 || week >= weeks) continue;
                if (id == -1) targetWeekly[week] += count;
                else byId[id].Weekly[week] += count;
            }
        }
        await tx.CommitAsync(ct);
        return new Result(targetWeekly, candidates);
    }
}

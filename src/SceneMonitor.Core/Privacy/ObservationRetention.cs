using Npgsql;

namespace SceneMonitor.Core.Privacy;

/// <summary>Coarsens observations older than the retention age: the point is snapped to the privacy
/// grid (the same grid analysts see), the time truncated to the hour, the note removed, and
/// <c>coarsened</c> set. Rows stay, so long-term counts and analyses keep working.</summary>
public sealed class ObservationRetention(NpgsqlDataSource db)
{
    public async Task<int> CoarsenAsync(DateTimeOffset cutoff, double gridMetres, int srid, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE observations
            SET location = ST_Transform(ST_SnapToGrid(ST_Transform(location, @srid), @grid), 4326),
                observed_at = date_trunc('hour', observed_at, 'UTC'),
                note = NULL,
                coarsened = true
            WHERE observed_at < @cutoff AND NOT coarsened
            """);
        cmd.Parameters.AddWithValue("cutoff", cutoff.ToUniversalTime());
        cmd.Parameters.AddWithValue("grid", gridMetres);
        cmd.Parameters.AddWithValue("srid", srid);
        cmd.CommandTimeout = 600;
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}

using Npgsql;
using NpgsqlTypes;
using SceneMonitor.Core.Domain;

namespace SceneMonitor.Core.Audit;

/// <summary>Writes and reads the append-only audit log. There is no update or delete here on purpose:
/// the database refuses them too, and old lines go only through purge_audit_log().</summary>
public sealed class AuditStore(NpgsqlDataSource db)
{
    public sealed record Query(DateTimeOffset? From, DateTimeOffset? To, string? Action, string? Actor, long? Before, int Limit);

    public async Task AppendAsync(AuditEntry e, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO audit_log (at, actor, role, organisation, action, target, parameters, row_count)
            VALUES (now(), @actor, @role, @org, @action, @target, @parameters, @rows)
            """);
        cmd.Parameters.AddWithValue("actor", e.Actor);
        cmd.Parameters.AddWithValue("role", NpgsqlDbType.Varchar, (object?)e.Role ?? DBNull.Value);
        cmd.Parameters.AddWithValue("org", NpgsqlDbType.Varchar, (object?)e.Organisation ?? DBNull.Value);
        cmd.Parameters.AddWithValue("action", e.Action);
        cmd.Parameters.AddWithValue("target", NpgsqlDbType.Varchar, (object?)Truncate(e.Target, 300) ?? DBNull.Value);
        cmd.Parameters.AddWithValue("parameters", NpgsqlDbType.Jsonb, (object?)e.Parameters ?? DBNull.Value);
        cmd.Parameters.AddWithValue("rows", NpgsqlDbType.Integer, (object?)e.RowCount ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Newest first, keyset-paged on id (<see cref="Query.Before"/>).</summary>
    public async Task<List<AuditEntry>> ListAsync(Query q, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, at, actor, role, organisation, action, target, parameters::text, row_count FROM audit_log
            WHERE (@from::timestamptz IS NULL OR at >= @from) AND (@to::timestamptz IS NULL OR at < @to)
              AND (@action::text IS NULL OR action = @action) AND (@actor::text IS NULL OR lower(actor) = lower(@actor))
              AND (@before::bigint IS NULL OR id < @before)
            ORDER BY id DESC LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("from", NpgsqlDbType.TimestampTz, (object?)q.From?.ToUniversalTime() ?? DBNull.Value);
        cmd.Parameters.AddWithValue("to", NpgsqlDbType.TimestampTz, (object?)q.To?.ToUniversalTime() ?? DBNull.Value);
        cmd.Parameters.AddWithValue("action", NpgsqlDbType.Text, (object?)q.Action ?? DBNull.Value);
        cmd.Parameters.AddWithValue("actor", NpgsqlDbType.Text, (object?)q.Actor ?? DBNull.Value);
        cmd.Parameters.AddWithValue("before", NpgsqlDbType.Bigint, (object?)q.Before ?? DBNull.Value);
        cmd.Parameters.AddWithValue("limit", q.Limit);
        var list = new List<AuditEntry>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new AuditEntry
            {
                Id = r.GetInt64(0), At = r.GetFieldValue<DateTimeOffset>(1), Actor = r.GetString(2),
                Role = r.IsDBNull(3) ? null : r.GetString(3), Organisation = r.IsDBNull(4) ? null : r.GetString(4),
                Action = r.GetString(5), Target = r.IsDBNull(6) ? null : r.GetString(6),
                Parameters = r.IsDBNull(7) ? null : r.GetString(7), RowCount = r.IsDBNull(8) ? null : r.GetInt32(8),
            });
        return list;
    }

    /// <summary>Removes lines older than <paramref name="cutoff"/> through the database function, which
    /// never removes lines younger than its hard floor (6 months).</summary>
    public async Task<long> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT purge_audit_log(@cutoff)");
        cmd.Parameters.AddWithValue("cutoff", cutoff.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

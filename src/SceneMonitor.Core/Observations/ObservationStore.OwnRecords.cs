using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Core.Observations;

/// <summary>One of an organisation's own records as its recorders see them in "My records": the
/// exact record plus its external reference (the organisation's own key, which lets the recording
/// page recognise what its offline queue already delivered) and whether this account recorded it.</summary>
public sealed record OwnRecord(
    long Id, string Category, double Longitude, double Latitude, DateTimeOffset ObservedAt, DateTimeOffset CreatedAt,
    int Quantity, string Source, string? Note, string? ExternalRef, bool ByMe, bool Retracted, string? RetractedReason);

public sealed partial class ObservationStore
{
    /// <summary>The organisation's records observed since <paramref name="since"/>, newest first,
    /// withdrawn ones included (flagged). Bounded by observation time so the (observed_at, id) index
    /// serves it: a few weeks of every organisation at most, whatever the table's size.</summary>
    public async Task<List<OwnRecord>> OwnRecordsAsync(string? organisation, string account, DateTimeOffset since, int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT o.id, c.code, o.lon, o.lat, o.observed_at, o.created_at, o.quantity, o.source, o.note, o.external_ref,
                   o.recorded_by = @account, o.retracted, o.retracted_reason
            FROM observations o JOIN categories c ON c.id = o.category_id
            WHERE o.observed_at >= @since AND o.organisation IS NOT DISTINCT FROM @organisation
            ORDER BY o.observed_at DESC, o.id DESC
            LIMIT @limit
            """);
        cmd.Parameters.AddWithValue("organisation", NpgsqlDbType.Text, (object?)organisation ?? DBNull.Value);
        cmd.Parameters.AddWithValue("account", account);
        cmd.Parameters.AddWithValue("since", since.ToUniversalTime());
        cmd.Parameters.AddWithValue("limit", limit);
        var rows = new List<OwnRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new OwnRecord(r.GetInt64(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3),
                r.GetFieldValue<DateTimeOffset>(4), r.GetFieldValue<DateTimeOffset>(5), r.GetInt32(6), r.GetString(7),
                r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetBoolean(10), r.GetBoolean(11),
                r.IsDBNull(12) ? null : r.GetString(12)));
        return rows;
    }

    public enum CorrectOutcome { Corrected, Repeated, AlreadyRetracted, NotFound, OtherOrganisation }

    /// <summary>Replaces observation <paramref name="id"/> by <paramref name="replacement"/> in one
    /// transaction: the new record is stored and the old one withdrawn with a reason that names its
    /// successor ("corrected by #new: reason"), or neither happens. A replacement whose (source,
    /// externalRef) the organisation already stored is a resend of a correction that went through
    /// (its answer was lost): nothing changes and the stored record is returned (Repeated).</summary>
    public async Task<(CorrectOutcome Outcome, long? NewId)> CorrectAsync(long id, string reason, ObservationInput replacement,
        WriteContext ctx, CancellationToken ct, OwnedBy? owner = null)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // A concurrent resend waits here on the unique key until the first commits, then finds it.
        var written = (await InsertAsync(conn, tx, [replacement], ctx, ct))[0];
        if (written.Existing) return (CorrectOutcome.Repeated, written.Id);

        await using (var cmd = Withdraw(new NpgsqlCommand(WithdrawSql, conn, tx), id, CorrectionReason(written.Id, reason), ctx.RecordedBy, owner))
        {
            if (await cmd.ExecuteNonQueryAsync(ct) == 1)
            {
                await tx.CommitAsync(ct);
                return (CorrectOutcome.Corrected, written.Id);
            }
        }
        await tx.RollbackAsync(ct); // the new record goes with it
        return (await NotWithdrawnAsync(id, owner, ct) switch
        {
            RetractOutcome.NotFound => CorrectOutcome.NotFound,
            RetractOutcome.OtherOrganisation => CorrectOutcome.OtherOrganisation,
            _ => CorrectOutcome.AlreadyRetracted,
        }, null);
    }

    /// <summary>At most 280 characters (the column), the successor's id always kept whole.</summary>
    public static string CorrectionReason(long newId, string reason)
    {
        var text = $"corrected by #{newId}: {reason}";
        return text.Length <= 280 ? text : text[..280];
    }
}

using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Core.Imports;

/// <summary>mode=update: re-importing a corrected file corrects what an earlier import stored (a KoBo
/// export first read at its sync time, a wrong category). Rows are matched on the importing
/// organisation + source + external reference, never across organisations. A matched observation
/// whose values differ is updated (category, place, time, quantity, note) and each change gets an
/// audit line with the old and new values; a row without a match is inserted; a row that matches
/// an identical observation is counted unchanged. All of it in one transaction: any invalid row, a
/// reference repeated in the file, or a match with a retracted or coarsened observation rejects the
/// whole file and changes nothing. The dry run does the same matching and rolls back, so it reports
/// what would be updated, inserted and left unchanged.</summary>
public sealed partial class ImportRunner
{
    private async Task<ImportReport> UpdateAsync(Job job, Pass pass, IImportRows rows, RowConverter converter, long? rowsTotal, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecuteAsync(conn, tx, $"CREATE TEMP TABLE import_rows ON COMMIT DROP AS SELECT {Columns} FROM observations WITH NO DATA", null, ct);
        await ExecuteAsync(conn, tx, "ALTER TABLE import_rows ADD COLUMN file_row bigint", null, ct);
        await ReadAsync(job, pass, rows, converter, new(conn, "import_rows", job.Owner, DateTime.UtcNow, WithRow: true), rowsTotal, ct);
        if (pass.ErrorCount == 0) await MatchErrorsAsync(conn, tx, job.Owner, rows.FirstMap?.NameOf(ImportField.ExternalRef), pass, ct);
        if (pass.ErrorCount > 0) return await RejectedAsync(job, rows, converter, pass);
        await store.ProgressAsync(job.Id, ImportStates.Writing, null, pass.Read, pass.Read, ct);

        var match = Match(job.Owner);
        long insert = 0, update = 0, unchanged = 0;
        await using (var count = new NpgsqlCommand($"""
            SELECT count(*) FILTER (WHERE o.id IS NULL), count(*) FILTER (WHERE o.id IS NOT NULL AND {Changed}), count(*) FILTER (WHERE o.id IS NOT NULL AND NOT {Changed})
            FROM import_rows s LEFT JOIN observations o ON {match}
            """, conn, tx))
        {
            AddOrganisation(count, job.Owner);
            await using var r = await count.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            (insert, update, unchanged) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
        }
        var warnings = Warnings(rows, converter, pass);
        if (job.DryRun) // the transaction rolls back on dispose: nothing was changed
            return await FinishAsync(Report(job, ImportStates.DryRun, rows.Format, pass.Read, insert, 0, 0, pass.Errors) with { Updated = update, Unchanged = unchanged, Warnings = warnings }, ct);

        // Lock the matched rows first, so the audit lines' old values are the ones the update replaces.
        await ExecuteAsync(conn, tx, $"SELECT 1 FROM observations o JOIN import_rows s ON {match} FOR UPDATE OF o", job.Owner, ct);
        await using (var audit = new NpgsqlCommand($"""
            INSERT INTO audit_log (at, actor, role, organisation, action, target, parameters, row_count)
            SELECT now(), @actor, @role, @actor_org, @action, @target, {AuditParameters}, 1
            FROM import_rows s JOIN observations o ON {match}
              JOIN categories oc ON oc.id = o.category_id JOIN categories sc ON sc.id = s.category_id
            WHERE {Changed}
            ORDER BY s.file_row
            """, conn, tx))
        {
            AddOrganisation(audit, job.Owner);
            audit.Parameters.AddWithValue("actor", job.Owner.CreatedBy);
            audit.Parameters.AddWithValue("role", NpgsqlDbType.Varchar, (object?)job.Owner.Role ?? DBNull.Value);
            audit.Parameters.AddWithValue("actor_org", NpgsqlDbType.Varchar, (object?)job.Owner.Organisation ?? DBNull.Value);
            audit.Parameters.AddWithValue("action", Audit.AuditActions.ImportUpdate);
            audit.Parameters.AddWithValue("target", $"POST /api/imports/{job.Id}");
            audit.Parameters.AddWithValue("import", job.Id.ToString());
            await audit.ExecuteNonQueryAsync(ct);
        }
        var updated = await ExecuteAsync(conn, tx, $"""
            UPDATE observations o SET category_id = s.category_id, location = s.location, observed_at = s.observed_at, quantity = s.quantity, note = s.note
            FROM import_rows s WHERE {match} AND {Changed}
            """, job.Owner, ct);
        // A row another import committed meanwhile under the same key is left to it (a duplicate).
        var inserted = await ExecuteAsync(conn, tx, $"""
            INSERT INTO observations ({Columns}) SELECT {Columns} FROM import_rows s
            WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE {match})
            ON CONFLICT (organisation, source, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
            """, job.Owner, ct);
        var report = Report(job, ImportStates.Committed, rows.Format, pass.Read, inserted, insert - inserted, 0, pass.Errors)
            with { Updated = updated, Unchanged = unchanged, Warnings = warnings };
        await store.FinishAsync(report, ct, tx);
        ct.ThrowIfCancellationRequested();
        await tx.CommitAsync(ct);
        return report;
    }

    /// <summary>The stored observation a staged row s corrects: same organisation, source and reference.
    /// Two fixed texts rather than IS NOT DISTINCT FROM, so that the unique index serves the match.</summary>
    private static string Match(ImportOwner owner) =>
        (owner.Organisation is null ? "o.organisation IS NULL" : "o.organisation = @org") + " AND o.source = s.source AND o.external_ref = s.external_ref";

    private const string Changed =
        "(o.category_id, o.observed_at, o.quantity, o.note, o.lon, o.lat) IS DISTINCT FROM (s.category_id, s.observed_at, s.quantity, s.note, ST_X(s.location), ST_Y(s.location))";

    /// <summary>Old and new values of the fields that change, and which changed. A note's text is not
    /// copied into the audit log (only that it changed): the retention job removes notes from old
    /// observations, and the audit log is kept on its own schedule.</summary>
    private const string AuditParameters = """
        jsonb_build_object('import', @import, 'id', o.id, 'source', o.source, 'externalRef', o.external_ref,
          'changed', to_jsonb(array_remove(ARRAY[
              CASE WHEN o.category_id <> s.category_id THEN 'category' END,
              CASE WHEN (o.lon, o.lat) <> (ST_X(s.location), ST_Y(s.location)) THEN 'location' END,
              CASE WHEN o.observed_at <> s.observed_at THEN 'observedAt' END,
              CASE WHEN o.quantity <> s.quantity THEN 'quantity' END,
              CASE WHEN o.note IS DISTINCT FROM s.note THEN 'note' END], NULL)),
          'old', jsonb_build_object('category', oc.code, 'longitude', o.lon, 'latitude', o.lat, 'observedAt', o.observed_at, 'quantity', o.quantity),
          'new', jsonb_build_object('category', sc.code, 'longitude', ST_X(s.location), 'latitude', ST_Y(s.location), 'observedAt', s.observed_at, 'quantity', s.quantity))
        """;

    /// <summary>Rows that cannot be matched one to one: a reference repeated in the file, or a match
    /// with an observation that was retracted (its correction is a new observation) or coarsened by the
    /// retention rule (its precision was removed on purpose). Added to the pass as row errors.</summary>
    private static async Task MatchErrorsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ImportOwner owner, string? refColumn, Pass pass, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            SELECT file_row, 'repeated', first FROM (
              SELECT file_row, min(file_row) OVER w AS first, count(*) OVER w AS n FROM import_rows WINDOW w AS (PARTITION BY source, external_ref)) x
            WHERE n > 1 AND file_row > first
            UNION ALL
            SELECT s.file_row, CASE WHEN o.retracted THEN 'retracted' ELSE 'coarsened' END, NULL
            FROM import_rows s JOIN observations o ON {Match(owner)} WHERE o.retracted OR o.coarsened
            ORDER BY 1
            """, conn, tx);
        AddOrganisation(cmd, owner);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var reason = r.GetString(1) switch
            {
                "repeated" => $"the reference is also on row {r.GetInt64(2)}: to update, each reference may appear once in the file",
                "retracted" => "matches an observation that was retracted: it is not updated (record the correction as a new observation)",
                _ => "matches an observation the retention rule has coarsened: it can no longer be updated",
            };
            pass.ErrorCount++;
            if (pass.Errors.Count < MaxListedErrors) pass.Errors.Add(new ImportError(r.GetInt64(0), refColumn ?? "externalRef", reason));
        }
    }

    private static void AddOrganisation(NpgsqlCommand cmd, ImportOwner owner)
    {
        if (owner.Organisation is not null) cmd.Parameters.AddWithValue("org", NpgsqlDbType.Varchar, owner.Organisation);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, ImportOwner? owner, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        if (owner is not null) AddOrganisation(cmd, owner);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}

using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Core.Imports;

/// <summary>What GET /api/imports/{id} answers: state, progress, counts and the first row errors.</summary>
public sealed record ImportReport(
    Guid Id, string State, string? Format, bool DryRun, long RowsRead, long? RowsTotal, long Inserted, long Duplicates,
    long ErrorCount, IReadOnlyList<ImportError> Errors, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    /// <summary>The file could not be read at all (as opposed to rows that break rules).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Unreadable { get; init; }

    /// <summary>What the import assumed or left out (dry run, committed and rejected runs; stored with the
    /// import, so GET /api/imports/{id} lists them for a background import too).</summary>
    public IReadOnlyList<ImportWarning> Warnings { get; init; } = [];

    /// <summary>insert (rows already stored are left as they are) or update (they are corrected); see <see cref="ImportModes"/>.</summary>
    public string Mode { get; init; } = ImportModes.Insert;
    /// <summary>mode=update: stored observations changed by the file (in a dry run: that would change).
    /// In an update dry run <see cref="Inserted"/> also counts what would be inserted.</summary>
    public long Updated { get; init; }
    /// <summary>mode=update: rows that match a stored observation that already holds the same values.</summary>
    public long Unchanged { get; init; }

    /// <summary>Dry run only, never stored: the file's columns with a few values each, for the mapping step.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ImportColumn>? Columns { get; init; }
    /// <summary>The file's column signature (<see cref="ImportPreview.SignatureOf"/>), the key of saved mappings.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Signature { get; init; }
    /// <summary>The organisation's saved mapping applied (mapping=saved), as column parameter → column.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? SavedMapping { get; init; }
}

/// <summary>What an import does with a row whose (source, external reference) its organisation already stored.</summary>
public static class ImportModes
{
    /// <summary>Leave the stored observation as it is and count the row as a duplicate (the default).</summary>
    public const string Insert = "insert";
    /// <summary>Correct the stored observation (category, place, time, quantity, note), audited; rows
    /// without a stored match are inserted. Needs a reference column.</summary>
    public const string Update = "update";
}

/// <summary>Who started an import, for the status row and the audit line.</summary>
public sealed record ImportOwner(string CreatedBy, string? Role, string? Organisation);

/// <summary>The imports table: status rows written as an import moves on. Progress is written on its
/// own connection so that it is visible while the import's transaction is still open.</summary>
public sealed class ImportStore(NpgsqlDataSource db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task CreateAsync(Guid id, ImportOwner owner, bool dryRun, CancellationToken ct, string mode = ImportModes.Insert)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO imports (id, created_at, updated_at, created_by, organisation, state, dry_run, mode, bytes, rows_read, inserted, updated, unchanged, duplicates, error_count)
            VALUES (@id, now(), now(), @by, @org, @state, @dry, @mode, 0, 0, 0, 0, 0, 0, 0)
            """);
        cmd.Parameters.AddWithValue("mode", mode);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("by", owner.CreatedBy);
        cmd.Parameters.AddWithValue("org", NpgsqlDbType.Varchar, (object?)owner.Organisation ?? DBNull.Value);
        cmd.Parameters.AddWithValue("state", ImportStates.Receiving);
        cmd.Parameters.AddWithValue("dry", dryRun);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task ReceivedAsync(Guid id, long bytes, string sha256, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE imports SET bytes = @bytes, file_sha256 = @sha, updated_at = now() WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("bytes", bytes);
        cmd.Parameters.AddWithValue("sha", sha256);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task ProgressAsync(Guid id, string state, string? format, long rowsRead, long? rowsTotal, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE imports SET state = @state, format = coalesce(@format, format), rows_read = @read, rows_total = coalesce(@total, rows_total), updated_at = now()
            WHERE id = @id
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("state", state);
        cmd.Parameters.AddWithValue("format", NpgsqlDbType.Varchar, (object?)format ?? DBNull.Value);
        cmd.Parameters.AddWithValue("read", rowsRead);
        cmd.Parameters.AddWithValue("total", NpgsqlDbType.Bigint, (object?)rowsTotal ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes the final state; inside the import's transaction when <paramref name="tx"/> is given,
    /// so that "committed" and the observations become visible together.</summary>
    public async Task FinishAsync(ImportReport r, CancellationToken ct, NpgsqlTransaction? tx = null)
    {
        await using var cmd = tx is null ? db.CreateCommand() : new NpgsqlCommand { Connection = tx.Connection, Transaction = tx };
        cmd.CommandText = """
            UPDATE imports SET state = @state, format = coalesce(@format, format), rows_read = @read, rows_total = coalesce(@total, rows_total),
                inserted = @inserted, updated = @updated, unchanged = @unchanged, duplicates = @duplicates, error_count = @errors, errors = @list,
                warnings = @warnings, updated_at = clock_timestamp(), finished_at = clock_timestamp()
            WHERE id = @id
            """;
        cmd.Parameters.AddWithValue("id", r.Id);
        cmd.Parameters.AddWithValue("state", r.State);
        cmd.Parameters.AddWithValue("format", NpgsqlDbType.Varchar, (object?)r.Format ?? DBNull.Value);
        cmd.Parameters.AddWithValue("read", r.RowsRead);
        cmd.Parameters.AddWithValue("total", NpgsqlDbType.Bigint, (object?)r.RowsTotal ?? DBNull.Value);
        cmd.Parameters.AddWithValue("inserted", r.Inserted);
        cmd.Parameters.AddWithValue("duplicates", r.Duplicates);
        cmd.Parameters.AddWithValue("errors", r.ErrorCount);
        cmd.Parameters.AddWithValue("updated", r.Updated);
        cmd.Parameters.AddWithValue("unchanged", r.Unchanged);
        cmd.Parameters.AddWithValue("list", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(r.Errors, Json));
        cmd.Parameters.AddWithValue("warnings", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(r.Warnings, Json));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The report and the organisation that owns it, or null.</summary>
    public async Task<(ImportReport Report, string? Organisation)?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT state, format, dry_run, rows_read, rows_total, inserted, duplicates, error_count, errors::text, created_at, finished_at, organisation,
                   mode, updated, unchanged, warnings::text
            FROM imports WHERE id = @id
            """);
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var errors = r.IsDBNull(8) ? [] : JsonSerializer.Deserialize<List<ImportError>>(r.GetString(8), Json) ?? [];
        var report = new ImportReport(id, r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetBoolean(2), r.GetInt64(3),
            r.IsDBNull(4) ? null : r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), errors,
            r.GetFieldValue<DateTimeOffset>(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10))
        {
            Mode = r.GetString(12), Updated = r.GetInt64(13), Unchanged = r.GetInt64(14),
            Warnings = r.IsDBNull(15) ? [] : JsonSerializer.Deserialize<List<ImportWarning>>(r.GetString(15), Json) ?? [],
        };
        return (report, r.IsDBNull(11) ? null : r.GetString(11));
    }

    /// <summary>At start: imports a previous process left unfinished stored nothing (their transaction
    /// died with it); say so instead of showing them as running forever.</summary>
    public async Task<int> FailInterruptedAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE imports SET state = @failed, finished_at = now(), updated_at = now(),
                errors = jsonb_build_array(jsonb_build_object('row', 0, 'column', null, 'reason', 'interrupted by a server restart; nothing was stored'))
            WHERE state IN (@receiving, @validating, @writing)
            """);
        cmd.Parameters.AddWithValue("failed", ImportStates.Failed);
        cmd.Parameters.AddWithValue("receiving", ImportStates.Receiving);
        cmd.Parameters.AddWithValue("validating", ImportStates.Validating);
        cmd.Parameters.AddWithValue("writing", ImportStates.Writing);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}

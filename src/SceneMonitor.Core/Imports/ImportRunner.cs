using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Core.Imports;

/// <summary>Validates and writes one import in a single pass over the file. Valid rows stream through
/// binary COPY into a temporary staging table inside one transaction; at the end one INSERT … SELECT
/// moves them into observations, skipping (source, external_ref) pairs already stored. The first
/// invalid row stops the writing (validation goes on, to report every error); any error, a
/// cancellation or a lost connection rolls the transaction back, so an import is stored whole or not
/// at all. The staging table is ON COMMIT DROP and lives only in that transaction.</summary>
public sealed class ImportRunner(NpgsqlDataSource db, ImportStore store)
{
    public const int MaxListedErrors = 1000;
    public const int ProgressEvery = 20_000;

    public sealed record Job(Guid Id, bool DryRun, ImportOwner Owner);

    public async Task<ImportReport> RunAsync(Job job, IImportRows rows, RowConverter converter, long? rowsTotal, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        long errorCount = 0, read = 0, staged = 0;
        await store.ProgressAsync(job.Id, ImportStates.Validating, rows.Format, 0, rowsTotal, ct);

        await using var conn = job.DryRun ? null : await db.OpenConnectionAsync(ct);
        await using var tx = conn is null ? null : await conn.BeginTransactionAsync(ct);
        if (conn is not null)
        {
            await using var create = new NpgsqlCommand("""
                CREATE TEMP TABLE import_rows (category_id int, lon float8, lat float8, observed_at timestamptz,
                    quantity int, source text, external_ref text, note text) ON COMMIT DROP
                """, conn, tx);
            await create.ExecuteNonQueryAsync(ct);
        }
        var copy = conn is null ? null : await conn.BeginBinaryImportAsync(
            "COPY import_rows (category_id, lon, lat, observed_at, quantity, source, external_ref, note) FROM STDIN (FORMAT BINARY)", ct);
        try
        {
            var rowErrors = new List<ImportError>();
            while (rows.Next(rowErrors, out var row, out var map, out var fields))
            {
                read++;
                var parsed = fields is null ? null : converter.Convert(map, fields, row, rowErrors);
                if (rowErrors.Count > 0)
                {
                    errorCount += rowErrors.Count;
                    foreach (var e in rowErrors) if (errors.Count < MaxListedErrors) errors.Add(e);
                    rowErrors.Clear();
                }
                else if (copy is not null && errorCount == 0)
                {
                    Write(copy, parsed!.Value);
                    staged++;
                }
                if (read % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    await store.ProgressAsync(job.Id, ImportStates.Validating, null, read, rowsTotal, ct);
                }
            }
            ct.ThrowIfCancellationRequested();
            if (read == 0) throw new ImportFormatException(0, null, "the file holds no rows");

            if (errorCount > 0 || job.DryRun)
                return await FinishAsync(Report(job, job.DryRun ? ImportStates.DryRun : ImportStates.Rejected, rows.Format, read, 0, 0, errorCount, errors), ct);

            await copy!.CompleteAsync(ct);
            await copy.DisposeAsync();
            copy = null;
            await store.ProgressAsync(job.Id, ImportStates.Writing, null, read, read, ct);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO observations (category_id, location, observed_at, quantity, source, organisation, recorded_by,
                                          external_ref, note, created_at, retracted, coarsened)
                SELECT category_id, ST_SetSRID(ST_MakePoint(lon, lat), 4326), observed_at, quantity, source, @organisation, @recorded_by,
                       external_ref, note, now(), false, false
                FROM import_rows
                ON CONFLICT (source, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
                """, conn, tx) { CommandTimeout = 0 };
            insert.Parameters.AddWithValue("organisation", NpgsqlDbType.Varchar, (object?)job.Owner.Organisation ?? DBNull.Value);
            insert.Parameters.AddWithValue("recorded_by", job.Owner.CreatedBy);
            var inserted = await insert.ExecuteNonQueryAsync(ct);
            var report = Report(job, ImportStates.Committed, rows.Format, read, inserted, staged - inserted, 0, errors);
            await store.FinishAsync(report, ct, tx);
            ct.ThrowIfCancellationRequested();
            await tx!.CommitAsync(ct);
            return report;
        }
        catch (ImportFormatException e)
        {
            errors.Add(new ImportError(e.Row, e.Column, e.Reason));
            return await FinishAsync(Report(job, ImportStates.Rejected, rows.Format, read, 0, 0, errorCount + 1, errors) with { Unreadable = true }, CancellationToken.None);
        }
        finally
        {
            // Without CompleteAsync the COPY is cancelled; the transaction then rolls back on dispose.
            if (copy is not null) await copy.DisposeAsync();
        }
    }

    private static void Write(NpgsqlBinaryImporter copy, in ImportRow r)
    {
        copy.StartRow();
        copy.Write(r.CategoryId, NpgsqlDbType.Integer);
        copy.Write(r.Longitude, NpgsqlDbType.Double);
        copy.Write(r.Latitude, NpgsqlDbType.Double);
        copy.Write(r.ObservedAtUtc, NpgsqlDbType.TimestampTz);
        copy.Write(r.Quantity, NpgsqlDbType.Integer);
        copy.Write(r.Source, NpgsqlDbType.Text);
        copy.Write(r.ExternalRef, NpgsqlDbType.Text);
        if (r.Note is null) copy.WriteNull();
        else copy.Write(r.Note, NpgsqlDbType.Text);
    }

    private async Task<ImportReport> FinishAsync(ImportReport report, CancellationToken ct)
    {
        await store.FinishAsync(report, ct);
        return report;
    }

    public static ImportReport Report(Job job, string state, string? format, long read, long inserted, long duplicates, long errorCount, IReadOnlyList<ImportError> errors) =>
        new(job.Id, state, format, job.DryRun, read, read, inserted, duplicates, errorCount, errors, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
}

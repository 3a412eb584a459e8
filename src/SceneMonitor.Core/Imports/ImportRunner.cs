using System.Buffers.Binary;
using Npgsql;
using NpgsqlTypes;

namespace SceneMonitor.Core.Imports;

/// <summary>Validates and writes one import, all or nothing, in one transaction. Valid rows stream
/// through binary COPY straight into observations: most imports hold only new rows, and this is the
/// fastest way in (bench/notes.md, "Ingest"). If the importing organisation already stored a
/// (source, external_ref) — a re-import, a ref repeated in the file, or another import that committed
/// the same rows meanwhile — the COPY fails on the unique key and is rolled back to its savepoint; the
/// file is then read a second time into a temporary staging table, from which one INSERT … ON CONFLICT
/// DO NOTHING stores exactly the new rows. Keys are per organisation, so another organisation's rows
/// never collide, never count as duplicates and never show in the report. The first invalid row stops the writing (validation goes on, to report every
/// error); any error, a cancellation or a lost connection rolls the transaction back.</summary>
public sealed partial class ImportRunner(NpgsqlDataSource db, ImportStore store)
{
    public const int MaxListedErrors = 1000;
    public const int ProgressEvery = 20_000;

    /// <param name="Mode">insert or update (<see cref="ImportModes"/>; update: ImportRunner.Update.cs).</param>
    public sealed record Job(Guid Id, bool DryRun, ImportOwner Owner, string Mode = ImportModes.Insert);

    /// <summary>Opens the file's rows with a fresh converter; called once per pass over the file.</summary>
    public delegate (IImportRows Rows, RowConverter Converter) Open();

    private sealed class Pass
    {
        public readonly List<ImportError> Errors = [];
        public long ErrorCount, Read, Staged;
    }

    private const string Columns =
        "category_id, location, observed_at, quantity, source, organisation, recorded_by, external_ref, note, created_at, retracted, coarsened";

    /// <param name="rows">The rows for the first pass (the header already read).</param>
    /// <param name="reopen">Opens the file again for the second pass, with a fresh converter.</param>
    public async Task<ImportReport> RunAsync(Job job, IImportRows rows, RowConverter converter, Open reopen, long? rowsTotal, CancellationToken ct)
    {
        var pass = new Pass();
        try
        {
            await store.ProgressAsync(job.Id, ImportStates.Validating, rows.Format, 0, rowsTotal, ct);
            if (job.Mode == ImportModes.Update) return await UpdateAsync(job, pass, rows, converter, rowsTotal, ct);
            if (job.DryRun)
            {
                await ReadAsync(job, pass, rows, converter, null, rowsTotal, ct);
                return await FinishAsync(Report(job, ImportStates.DryRun, rows.Format, pass.Read, 0, 0, pass.ErrorCount, pass.Errors) with { Warnings = Warnings(rows, converter, pass) }, ct);
            }

            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var createdAt = DateTime.UtcNow;
            long inserted;
            await tx.SaveAsync("direct", ct);
            try
            {
                await ReadAsync(job, pass, rows, converter, new(conn, "observations", job.Owner, createdAt), rowsTotal, ct);
                if (pass.ErrorCount > 0) return await RejectedAsync(job, rows, converter, pass);
                await tx.ReleaseAsync("direct", ct);
                inserted = pass.Staged;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await tx.RollbackAsync("direct", ct);
                (rows, converter) = reopen();
                pass = new Pass();
                // Staging has the columns the COPY writes, so both passes write rows the same way.
                await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE import_rows ON COMMIT DROP AS SELECT {Columns} FROM observations WITH NO DATA", conn, tx))
                    await create.ExecuteNonQueryAsync(ct);
                await ReadAsync(job, pass, rows, converter, new(conn, "import_rows", job.Owner, createdAt), rowsTotal, ct);
                if (pass.ErrorCount > 0) return await RejectedAsync(job, rows, converter, pass);
                await store.ProgressAsync(job.Id, ImportStates.Writing, null, pass.Read, pass.Read, ct);
                await using var insert = new NpgsqlCommand($"""
                    INSERT INTO observations ({Columns}) SELECT {Columns} FROM import_rows
                    ON CONFLICT (organisation, source, external_ref) WHERE external_ref IS NOT NULL DO NOTHING
                    """, conn, tx) { CommandTimeout = 0 };
                inserted = await insert.ExecuteNonQueryAsync(ct);
            }
            var report = Report(job, ImportStates.Committed, rows.Format, pass.Read, inserted, pass.Staged - inserted, 0, pass.Errors) with { Warnings = Warnings(rows, converter, pass) };
            await store.FinishAsync(report, ct, tx);
            ct.ThrowIfCancellationRequested();
            await tx.CommitAsync(ct);
            return report;
        }
        catch (ImportFormatException e)
        {
            pass.Errors.AddRange(e.Errors);
            return await FinishAsync(Report(job, ImportStates.Rejected, rows.Format, pass.Read, 0, 0, pass.ErrorCount + e.Errors.Count, pass.Errors) with { Unreadable = true }, CancellationToken.None);
        }
    }

    private static List<ImportWarning> Warnings(IImportRows rows, RowConverter converter, Pass pass) =>
        ImportWarnings.Of(rows.FirstMap, converter, pass.Read, rows.TransformedFrom);

    private Task<ImportReport> RejectedAsync(Job job, IImportRows rows, RowConverter converter, Pass pass) =>
        FinishAsync(Report(job, ImportStates.Rejected, rows.Format, pass.Read, 0, 0, pass.ErrorCount, pass.Errors) with { Warnings = Warnings(rows, converter, pass) }, CancellationToken.None);

    /// <summary>Where a pass writes its rows (observations, or the staging table) and what every row
    /// gets besides its own fields.</summary>
    /// <param name="WithRow">The table has a file_row column after the others (update mode's staging), so
    /// that problems found in the database can name the file's row.</param>
    private sealed record Target(NpgsqlConnection Conn, string Table, ImportOwner Owner, DateTime CreatedAt, bool WithRow = false)
    {
        /// <summary>Each row's point is built here and copied by the importer at once.</summary>
        public byte[] PointBuffer { get; } = new byte[25];
    }

    /// <summary>One pass over the rows: every row validated, the valid ones written to the target's
    /// COPY while no row has failed. The COPY is completed only when every row is valid (an invalid row
    /// cancels it, and the caller rolls back).</summary>
    private async Task ReadAsync(Job job, Pass pass, IImportRows rows, RowConverter converter, Target? target, long? rowsTotal, CancellationToken ct)
    {
        var copy = target is null ? null : await target.Conn.BeginBinaryImportAsync($"COPY {target.Table} ({Columns}{(target.WithRow ? ", file_row" : "")}) FROM STDIN (FORMAT BINARY)", ct);
        try
        {
            var rowErrors = new List<ImportError>();
            while (rows.Next(rowErrors, out var row, out var map, out var fields))
            {
                pass.Read++;
                var parsed = fields is null ? null : converter.Convert(map, fields, row, rowErrors);
                if (rowErrors.Count > 0)
                {
                    pass.ErrorCount += rowErrors.Count;
                    foreach (var e in rowErrors) if (pass.Errors.Count < MaxListedErrors) pass.Errors.Add(e);
                    rowErrors.Clear();
                }
                else if (copy is not null && pass.ErrorCount == 0)
                {
                    Write(copy, parsed!.Value, target!, row);
                    pass.Staged++;
                }
                if (pass.Read % ProgressEvery == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    await store.ProgressAsync(job.Id, ImportStates.Validating, null, pass.Read, rowsTotal, ct);
                }
            }
            ct.ThrowIfCancellationRequested();
            if (pass.Read == 0) throw new ImportFormatException(0, null, "the file holds no rows");
            if (copy is not null && pass.ErrorCount == 0) await copy.CompleteAsync(ct);
        }
        finally
        {
            // Without CompleteAsync the COPY is cancelled; the transaction then rolls back on dispose.
            if (copy is not null) await copy.DisposeAsync();
        }
    }

    private static void Write(NpgsqlBinaryImporter copy, ImportRow r, Target target, long row)
    {
        copy.StartRow();
        copy.Write(r.CategoryId, NpgsqlDbType.Integer);
        copy.Write(PointEwkb(target.PointBuffer, r.Longitude, r.Latitude), NpgsqlDbType.Bytea);
        copy.Write(r.ObservedAtUtc, NpgsqlDbType.TimestampTz);
        copy.Write(r.Quantity, NpgsqlDbType.Integer);
        copy.Write(r.Source, NpgsqlDbType.Varchar);
        if (target.Owner.Organisation is null) copy.WriteNull();
        else copy.Write(target.Owner.Organisation, NpgsqlDbType.Varchar);
        copy.Write(target.Owner.CreatedBy, NpgsqlDbType.Varchar);
        copy.Write(r.ExternalRef, NpgsqlDbType.Varchar);
        if (r.Note is null) copy.WriteNull();
        else copy.Write(r.Note, NpgsqlDbType.Varchar);
        copy.Write(target.CreatedAt, NpgsqlDbType.TimestampTz);
        copy.Write(false, NpgsqlDbType.Boolean);
        copy.Write(false, NpgsqlDbType.Boolean);
        if (target.WithRow) copy.Write(row, NpgsqlDbType.Bigint);
    }

    /// <summary>The point as EWKB (little-endian, SRID 4326), which PostGIS reads for a geometry column
    /// in a binary COPY. Built by hand into the pass's buffer: a NetTopologySuite Point per row cost
    /// the import a few percent of its CPU.</summary>
    private static byte[] PointEwkb(byte[] b, double lon, double lat)
    {
        b[0] = 1;                                                   // little-endian
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(1), 0x20000001); // Point, with SRID
        BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(5), 4326);
        BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(9), lon);
        BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(17), lat);
        return b;
    }

    private async Task<ImportReport> FinishAsync(ImportReport report, CancellationToken ct)
    {
        await store.FinishAsync(report, ct);
        return report;
    }

    public static ImportReport Report(Job job, string state, string? format, long read, long inserted, long duplicates, long errorCount, IReadOnlyList<ImportError> errors) =>
        new(job.Id, state, format, job.DryRun, read, read, inserted, duplicates, errorCount, errors, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow) { Mode = job.Mode };
}

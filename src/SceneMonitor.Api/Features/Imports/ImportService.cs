using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Imports;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Imports;

/// <summary>Spools an upload to a temporary file (never into memory) and processes it: on the request
/// (wait=true) or in the background. Whatever happens — bad file, bad rows, a client that goes away,
/// a server that stops — the import ends in a final state with nothing half-written, the spooled file
/// is deleted and an audit line says what was imported (counts only).</summary>
public sealed class ImportService(
    NpgsqlDataSource db, ServiceRegionProvider regions, TimeProvider clock, IOptions<ImportOptions> options,
    IOptions<ObservationOptions> observationOptions, IHostApplicationLifetime lifetime, ILogger<ImportService> log)
{
    private readonly ImportStore _store = new(db);
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrent));

    public ImportStore Store => _store;
    public ImportMappingStore Mappings { get; } = new(db);

    public string TempDirectory
    {
        get
        {
            var dir = string.IsNullOrEmpty(options.Value.TempDirectory) ? Path.Combine(Path.GetTempPath(), "scenemonitor-imports") : options.Value.TempDirectory;
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>Copies <paramref name="body"/> to a new temporary file, hashing it on the way.</summary>
    public async Task<(string Path, long Bytes)> SpoolAsync(Guid id, Stream body, CancellationToken ct)
    {
        var path = Path.Combine(TempDirectory, $"{id:N}.upload");
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long bytes = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 16];
                int n;
                while ((n = await body.ReadAsync(buffer, ct)) > 0)
                {
                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                    bytes += n;
                    if (bytes > options.Value.MaxBytes) throw new ImportFormatException(0, "body", $"the file is larger than {options.Value.MaxBytes:N0} bytes");
                }
            }
            await _store.ReceivedAsync(id, bytes, Convert.ToHexStringLower(sha.GetHashAndReset()), ct);
            return (path, bytes);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Marks an import that never got its file as failed (or rejected) and audits it.</summary>
    public async Task AbandonAsync(ImportRunner.Job job, string state, string reason, string? column = null)
    {
        var report = ImportRunner.Report(job, state, null, 0, 0, 0, 1, [new ImportError(0, column, reason)]);
        await _store.FinishAsync(report, CancellationToken.None);
        await AuditAsync(job, report, CancellationToken.None);
    }

    /// <summary>Processes the spooled file, then deletes it. Never throws: failures end as state failed.</summary>
    public async Task<ImportReport> ProcessAsync(ImportRunner.Job job, string path, bool json, ImportRequest request, CancellationToken ct)
    {
        ImportReport report;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping);
        var slot = false;
        try
        {
            await _slots.WaitAsync(stopping.Token);
            slot = true;
            report = await RunAsync(job, path, json, request, stopping.Token);
        }
        catch (Exception e)
        {
            var cancelled = e is OperationCanceledException || stopping.IsCancellationRequested;
            if (!cancelled) log.LogError(e, "Import {Id} failed", job.Id);
            var reason = cancelled
                ? "interrupted (the upload was cancelled, the client went away or the server stopped); nothing was stored"
                : "the import failed on the server; nothing was stored";
            report = ImportRunner.Report(job, ImportStates.Failed, null, 0, 0, 0, 1, [new ImportError(0, null, reason)]);
            await _store.FinishAsync(report, CancellationToken.None);
        }
        finally
        {
            if (slot) _slots.Release();
            File.Delete(path);
        }
        log.LogInformation("Import {Id}: {State}, {Rows} rows read, {Inserted} inserted, {Duplicates} duplicates, {Errors} errors in {Seconds:0.00} s",
            job.Id, report.State, report.RowsRead, report.Inserted, report.Duplicates, report.ErrorCount, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        await AuditAsync(job, report, CancellationToken.None);
        var stored = await _store.GetAsync(job.Id, CancellationToken.None);
        // The preview and the mapping applied go back in this answer only; they are not stored.
        return stored is null ? report : stored.Value.Report with
        {
            Unreadable = report.Unreadable, Columns = report.Columns, Signature = report.Signature, SavedMapping = report.SavedMapping,
        };
    }

    private async Task<ImportReport> RunAsync(ImportRunner.Job job, string path, bool json, ImportRequest request, CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(observationOptions.Value.TimeZone);
        var categories = await CategoriesAsync(ct);
        var validator = new ObservationValidator(await regions.GetAsync(ct), await ActiveAsync(ct), clock);
        RowConverter Converter() => new(categories, validator, new ImportTime(zone, request.TimeFormat), request.Source) { RequireRef = request.Mode == ImportModes.Update };
        // The runner may read the file twice (ImportRunner: a second pass when some rows are already stored).
        var files = new List<FileStream>();
        FileStream OpenFile()
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            files.Add(file);
            return file;
        }
        IImportRows Rows(FileStream file) => json ? new JsonRows(file, request.Columns, request.Crs) : new CsvRows(file, request.Decoding, request.Delimiter, request.Columns);
        try
        {
            var (preview, saved) = await PreviewAsync(job, request, json, OpenFile, ct);
            if (saved is not null) request = request with { Columns = Merge(saved.Overrides(), request.Columns) };
            ImportReport Described(ImportReport r) => r with
            {
                Columns = job.DryRun ? preview?.Columns(request.Columns) : null, Signature = preview?.Signature, SavedMapping = saved?.Columns,
            };
            long? total = null;
            IImportRows rows;
            try
            {
                var file = OpenFile();
                if (!json)
                {
                    total = Math.Max(0, CsvRows.CountLines(file) - 1);
                    file.Position = 0;
                }
                rows = Rows(file);
                if (rows is CsvRows { HasSource: false } && request.Source is null)
                    throw new ImportFormatException(1, "source", "the file has no source column: say where the observations come from with the source parameter (e.g. source=outreach)",
                        ImportErrorCodes.SourceMissing, "source");
                if (rows is CsvRows csv && request.Mode == ImportModes.Update && csv.FirstMap?.Has(ImportField.ExternalRef) != true)
                    throw new ImportFormatException(1, null, "mode=update matches rows on their reference: the file needs a reference column (map one to externalRef)",
                        ImportErrorCodes.RefRequired, "externalRef");
            }
            catch (ImportFormatException e)
            {
                var report = ImportRunner.Report(job, ImportStates.Rejected, json ? "json" : "csv", 0, 0, 0, e.Errors.Count, e.Errors) with { Unreadable = true };
                await _store.FinishAsync(report, CancellationToken.None);
                return Described(report);
            }
            return Described(await new ImportRunner(db, _store).RunAsync(job, rows, Converter(), () => (Rows(OpenFile()), Converter()), total, ct));
        }
        finally
        {
            foreach (var file in files) await file.DisposeAsync();
        }
    }

    /// <summary>The file's columns and a few values (for a dry run's mapping step, or to find the saved
    /// mapping), and the organisation's saved mapping for them when the request asks for it.</summary>
    private async Task<(ImportPreview? Preview, SavedMapping? Saved)> PreviewAsync(ImportRunner.Job job, ImportRequest request, bool json, Func<FileStream> open, CancellationToken ct)
    {
        if (!job.DryRun && !request.UseSavedMapping) return (null, null);
        var preview = ImportPreview.Read(open(), json, request.Decoding, request.Delimiter, request.Crs);
        var saved = preview is not null && request.UseSavedMapping ? await Mappings.GetAsync(job.Owner.Organisation, preview.Signature, ct) : null;
        return (preview, saved);
    }

    /// <summary>The saved mapping with the request's own column parameters on top (a named lat or lon replaces both).</summary>
    private static Dictionary<ImportField, string> Merge(Dictionary<ImportField, string> saved, IReadOnlyDictionary<ImportField, string> given)
    {
        if (given.ContainsKey(ImportField.Latitude)) { saved.Remove(ImportField.Latitude); saved.Remove(ImportField.Longitude); }
        foreach (var (field, column) in given) saved[field] = column;
        return saved;
    }

    private async Task<List<ImportCategory>> CategoriesAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT id, code, label_nl, label_fr, label_en FROM categories");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ImportCategory>();
        while (await r.ReadAsync(ct)) list.Add(new(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));
        return list;
    }

    private async Task<Dictionary<string, bool>> ActiveAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT code, active FROM categories");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var map = new Dictionary<string, bool>();
        while (await r.ReadAsync(ct)) map[r.GetString(0)] = r.GetBoolean(1);
        return map;
    }

    private async Task AuditAsync(ImportRunner.Job job, ImportReport r, CancellationToken ct)
    {
        try
        {
            await new AuditStore(db).AppendAsync(new AuditEntry
            {
                Actor = job.Owner.CreatedBy, Role = job.Owner.Role, Organisation = job.Owner.Organisation, Action = AuditActions.Import,
                Target = $"POST /api/imports/{job.Id}",
                Parameters = JsonSerializer.Serialize(new
                {
                    id = job.Id, state = r.State, format = r.Format, dryRun = job.DryRun, mode = job.Mode, rowsRead = r.RowsRead, inserted = r.Inserted,
                    updated = r.Updated, unchanged = r.Unchanged, duplicates = r.Duplicates, errors = r.ErrorCount, savedMapping = r.SavedMapping is not null,
                }),
                RowCount = job.DryRun ? 0 : (int)Math.Min(int.MaxValue, r.Inserted + r.Updated),
            }, ct);
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not audit import {Id}", job.Id);
        }
    }
}

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Imports;
using SceneMonitor.Core.Security;

namespace SceneMonitor.Api.Features.Imports;

/// <summary>POST /api/imports (CSV, GeoJSON, KoBoToolbox/ODK exports; dry run; all or nothing) and
/// GET /api/imports/{id} (progress and the report). See docs/imports.md.</summary>
public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(Policies.Record);
        group.MapPost("/", Create).WithQuery(ImportRequest.QueryParameters)
            .Produces<ImportReport>(StatusCodes.Status200OK).Produces<ImportReport>(StatusCodes.Status202Accepted)
            .Accepts<IFormFile>("text/csv", "application/geo+json", "application/json", "multipart/form-data")
            .WithSummary("Import a CSV, GeoJSON or KoBoToolbox/ODK file: every row is validated, then all rows are stored or none. " +
                         "?dryRun=true only checks; ?wait=true answers with the final report, else 202 and GET the Location for progress.");
        group.MapGet("/{id:guid}", Get)
            .WithSummary("State, progress (rowsRead of rowsTotal), counts, warnings and the first 1,000 row errors of an import. Only the importer's organisation and admins.");
        group.MapImportMappingEndpoints();
        return app;
    }

    private static async Task<IResult> Create(HttpContext http, ImportService imports, IOptions<ImportOptions> options, CancellationToken ct)
    {
        var (request, problem) = ImportRequest.Parse(http.Request.Query);
        if (problem is not null) return problem;
        var contentType = http.Request.ContentType;
        var multipart = contentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;
        bool? json = multipart ? null : JsonByType(contentType);
        if (contentType is not null && !multipart && json is null && !IsCsvType(contentType))
            return Problems.BadRequest("body", $"unsupported Content-Type '{contentType}': send text/csv, application/geo+json, application/json or multipart/form-data with a 'file' field");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.Value.MaxBytes;

        var user = http.User;
        var job = new ImportRunner.Job(Guid.NewGuid(), request!.DryRun, new ImportOwner(user.NameOf(), user.RoleOf(), user.OrganisationOf()), request.Mode);
        await imports.Store.CreateAsync(job.Id, job.Owner, job.DryRun, ct, job.Mode);

        string path;
        long bytes;
        try
        {
            var body = http.Request.Body;
            if (multipart)
            {
                var (section, sectionJson) = await FileSectionAsync(http.Request, ct);
                if (section is null)
                {
                    await imports.AbandonAsync(job, ImportStates.Rejected, "the form has no 'file' field", "file");
                    return Problems.BadRequest("file", "the multipart form has no 'file' field holding the file");
                }
                (body, json) = (section, sectionJson);
            }
            (path, bytes) = await imports.SpoolAsync(job.Id, body, ct);
        }
        catch (ImportFormatException e)
        {
            await imports.AbandonAsync(job, ImportStates.Rejected, e.Reason, e.Column);
            return TypedResults.Problem(title: "The file is too large; nothing was stored.", detail: e.Reason, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            await imports.AbandonAsync(job, ImportStates.Failed, "the upload was interrupted; nothing was stored");
            return Problems.BadRequest("body", "the upload was interrupted; nothing was stored");
        }
        if (bytes == 0)
        {
            File.Delete(path);
            await imports.AbandonAsync(job, ImportStates.Rejected, "is empty", "body");
            return Problems.BadRequest("body", "is empty: send the file as the request body or as the 'file' field of a form");
        }
        json ??= Sniff(path);

        if (request.Wait) return Result(await imports.ProcessAsync(job, path, json.Value, request, ct));
        // The request ends here; the import goes on until done or until the server stops.
        _ = Task.Run(() => imports.ProcessAsync(job, path, json.Value, request, CancellationToken.None), CancellationToken.None);
        var report = (await imports.Store.GetAsync(job.Id, ct))!.Value.Report;
        return TypedResults.Accepted($"/api/imports/{job.Id}", report);
    }

    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> Get(Guid id, HttpContext http, ImportService imports, CancellationToken ct)
    {
        var found = await imports.Store.GetAsync(id, ct);
        // Another organisation's import answers as absent: its existence is not theirs to learn.
        if (found is not { } f || (http.User.RoleOf() != Roles.Admin && f.Organisation != http.User.OrganisationOf()))
            return Problems.NotFound($"Import {id}");
        return TypedResults.Ok(f.Report);
    }

    /// <summary>200 with the report (committed, dry run); 400 for an unreadable file, 422 for invalid rows.</summary>
    public static IResult Result(ImportReport r)
    {
        if (r.State is ImportStates.Committed or ImportStates.DryRun) return TypedResults.Ok(r);
        var first = r.Errors.FirstOrDefault();
        var (status, title) = r.State switch
        {
            ImportStates.Rejected when r.Unreadable => (StatusCodes.Status400BadRequest, "The file could not be read; nothing was stored."),
            ImportStates.Rejected => (StatusCodes.Status422UnprocessableEntity, $"{r.ErrorCount:N0} error(s) in {r.RowsRead:N0} rows; nothing was stored."),
            _ => (StatusCodes.Status500InternalServerError, "The import failed; nothing was stored."),
        };
        return TypedResults.Problem(title: title, statusCode: status,
            detail: first is null ? null : $"{(first.Row > 0 ? $"row {first.Row}" : "file")}{(first.Column is null ? "" : $", column {first.Column}")}: {first.Reason}",
            extensions: new Dictionary<string, object?>
            {
                ["id"] = r.Id, ["state"] = r.State, ["mode"] = r.Mode, ["rowsRead"] = r.RowsRead, ["errorCount"] = r.ErrorCount,
                ["errors"] = r.Errors, ["warnings"] = r.Warnings,
                // What the page needs to offer the mapping step when columns are missing.
                ["columns"] = r.Columns, ["signature"] = r.Signature, ["savedMapping"] = r.SavedMapping,
            });
    }

    private static bool? JsonByType(string? contentType)
    {
        if (contentType is null) return null;
        var media = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return media is "application/json" or "application/geo+json" or "text/json" ? true : null;
    }

    private static bool IsCsvType(string contentType) =>
        contentType.Split(';')[0].Trim().ToLowerInvariant() is "text/csv" or "application/csv" or "text/plain" or "application/vnd.ms-excel"
            or "text/tab-separated-values" or "application/octet-stream";

    /// <summary>The body of the form's "file" field, streamed; JSON when its type or name says so.</summary>
    private static async Task<(Stream? Body, bool? Json)> FileSectionAsync(HttpRequest request, CancellationToken ct)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return (null, null);
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || disposition.Name.Value?.Trim('"') != "file") continue;
            var name = disposition.FileName.Value?.Trim('"') ?? "";
            var json = JsonByType(section.ContentType) ?? (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase) ? true : null);
            return (section.Body, json);
        }
        return (null, null);
    }

    private static bool Sniff(string path)
    {
        using var file = File.OpenRead(path);
        return ImportFormats.LooksLikeJson(file);
    }
}

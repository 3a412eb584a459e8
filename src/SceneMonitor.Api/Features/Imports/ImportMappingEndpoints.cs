using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Imports;

namespace SceneMonitor.Api.Features.Imports;

/// <summary>Saved column mappings (/api/imports/mappings): an organisation keeps, per set of file
/// columns, which column holds which field, and POST /api/imports?mapping=saved applies it. Each
/// organisation sees and changes only its own (recorders and admins, as for imports); every change is
/// audited with the mapping before and after.</summary>
public static partial class ImportMappingEndpoints
{
    /// <summary>PUT body: the file's column names (as the dry run lists them in 'columns') and the mapping.</summary>
    public sealed record MappingInput(List<string>? Headers, Dictionary<string, string>? Columns);

    public static RouteGroupBuilder MapImportMappingEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/mappings", List).WithName("listImportMappings")
            .WithSummary("Your organisation's saved column mappings, newest first: for files with these columns (signature, headers), column parameter → the file's column.");
        group.MapPut("/mappings", Save).WithName("saveImportMapping").Accepts<MappingInput>("application/json")
            .WithSummary("Save (or replace) your organisation's column mapping for files with these columns, e.g. {\"headers\": [\"Soort\", \"Breedtegraad\", \"Lengtegraad\", \"Datum\"], " +
                         "\"columns\": {\"lat\": \"Breedtegraad\", \"lon\": \"Lengtegraad\"}}. Audited.");
        group.MapDelete("/mappings/{signature}", Delete).WithName("deleteImportMapping")
            .WithSummary("Delete your organisation's saved mapping for the columns with this signature. Audited.");
        return group;
    }

    private static async Task<Ok<List<SavedMapping>>> List(HttpContext http, ImportService imports, CancellationToken ct) =>
        TypedResults.Ok(await imports.Mappings.ListAsync(http.User.OrganisationOf(), ct));

    private static async Task<Results<Ok<SavedMapping>, ProblemHttpResult>> Save(HttpContext http, ImportService imports, Auditor audit, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<MappingInput>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = SavedMapping.Validate(input!.Headers, input.Columns);
        if (errors.Count > 0) return Problems.Invalid(errors, "The mapping is invalid; nothing was saved.");
        var (saved, before) = await imports.Mappings.SaveAsync(http.User.OrganisationOf(), input.Headers!.Select(h => h.Trim()).ToList(), input.Columns!, http.User.NameOf(), ct);
        await audit.WriteAsync(http, AuditActions.ImportMapping, new { op = before is null ? "create" : "replace", saved.Signature, before = before?.Columns, after = saved.Columns }, 1, ct);
        return TypedResults.Ok(saved);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string signature, HttpContext http, ImportService imports, Auditor audit, CancellationToken ct)
    {
        if (!Hex64().IsMatch(signature)) return Problems.NotFound($"Mapping {signature}");
        var deleted = await imports.Mappings.DeleteAsync(http.User.OrganisationOf(), signature, ct);
        if (deleted is null) return Problems.NotFound($"Mapping {signature}");
        await audit.WriteAsync(http, AuditActions.ImportMapping, new { op = "delete", signature, before = deleted.Columns }, 1, ct);
        return TypedResults.NoContent();
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Hex64();
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Interventions;

/// <summary>CRUD for interventions: what was done where and from when; displacement is measured around them.</summary>
public static class InterventionEndpoints
{
    public static readonly string[] Kinds = ["clearance", "hotspot_patrol", "needle_container", "consumption_room", "venue_closure", "outreach", "lighting", "other"];
    public static readonly string[] Pillars = ["prevention", "early_intervention", "care", "harm_reduction", "enforcement"];

    /// <param name="Name">Required: the name shown when there is none in the reader's language.</param>
    /// <param name="NameNl">Optional Dutch name (likewise NameFr, NameEn); null or empty: none.</param>
    public sealed record InterventionInput(string? Name, string? Kind, string? Pillar, JsonElement? TargetArea, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Description,
        string? NameNl = null, string? NameFr = null, string? NameEn = null);
    public sealed record InterventionResponse(int Id, string Name, string Kind, string Pillar, JsonElement TargetArea, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, string? Description,
        string? NameNl, string? NameFr, string? NameEn);

    public static IEndpointRouteBuilder MapInterventionEndpoints(this IEndpointRouteBuilder app)
    {
        // Every signed-in role reads interventions (they frame the displacement view); only admins change them.
        var group = app.MapGroup("/api/interventions").WithTags("Interventions")
            .RequireAuthorization(Policies.Read).RequireAuthorizationForWrites(Policies.Admin);
        group.MapGet("/", List).WithSummary("All interventions, newest first, with their target areas as GeoJSON geometries.");
        group.MapGet("/{id:int}", Get);
        group.MapPost("/", Create).Accepts<InterventionInput>("application/json");
        group.MapPut("/{id:int}", Update).Accepts<InterventionInput>("application/json");
        group.MapDelete("/{id:int}", Delete).WithSummary("Deletes an intervention (observations are not touched).");
        return app;
    }

    private static async Task<Ok<List<InterventionResponse>>> List(SceneMonitorDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Interventions.AsNoTracking().OrderByDescending(i => i.StartsAt).ToListAsync(ct)).Select(ToResponse).ToList());

    private static async Task<Results<Ok<InterventionResponse>, ProblemHttpResult>> Get(int id, SceneMonitorDb db, CancellationToken ct) =>
        await db.Interventions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is { } i
            ? TypedResults.Ok(ToResponse(i)) : Problems.NotFound($"Intervention {id}");

    private static async Task<Results<Created<InterventionResponse>, ProblemHttpResult>> Create(HttpRequest request, SceneMonitorDb db, TimeProvider clock, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<InterventionInput>(request, ct);
        if (problem is not null) return problem;
        var intervention = new Intervention { Name = "", Kind = "", Pillar = "", TargetArea = NetTopologySuite.Geometries.Polygon.Empty, CreatedAt = clock.GetUtcNow() };
        if (Apply(input!, intervention) is { } errors) return Problems.Invalid(errors, "The intervention is invalid; nothing was stored.");
        db.Interventions.Add(intervention);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/interventions/{intervention.Id}", ToResponse(intervention));
    }

    private static async Task<Results<Ok<InterventionResponse>, ProblemHttpResult>> Update(int id, HttpRequest request, SceneMonitorDb db, CancellationToken ct)
    {
        var intervention = await db.Interventions.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (intervention is null) return Problems.NotFound($"Intervention {id}");
        var (input, problem) = await JsonBody.ReadAsync<InterventionInput>(request, ct);
        if (problem is not null) return problem;
        if (Apply(input!, intervention) is { } errors) return Problems.Invalid(errors, "The intervention is invalid; nothing was changed.");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(intervention));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, SceneMonitorDb db, CancellationToken ct) =>
        await db.Interventions.Where(i => i.Id == id).ExecuteDeleteAsync(ct) == 1 ? TypedResults.NoContent() : Problems.NotFound($"Intervention {id}");

    /// <summary>Validates every field first and changes the entity only when all are valid.</summary>
    private static Dictionary<string, string[]>? Apply(InterventionInput input, Intervention target)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200) errors["name"] = ["is required (1–200 characters)"];
        if (input.Kind is null || !Kinds.Contains(input.Kind)) errors["kind"] = [$"must be one of {string.Join(", ", Kinds)}"];
        if (input.Pillar is null || !Pillars.Contains(input.Pillar)) errors["pillar"] = [$"must be one of {string.Join(", ", Pillars)}"];
        var (geometry, geometryError) = GeoJsonGeometry.ReadPolygonal(input.TargetArea);
        if (geometryError is not null) errors["targetArea"] = [geometryError];
        if (input.StartsAt is null) errors["startsAt"] = ["is required (ISO 8601 with offset)"];
        if (input.EndsAt is not null && input.StartsAt is not null && input.EndsAt <= input.StartsAt) errors["endsAt"] = ["must be after startsAt"];
        if (input.Description is { Length: > 2000 }) errors["description"] = ["is longer than 2000 characters"];
        // Everyone who may see interventions reads these texts: they describe the operation and the place, not people.
        else if (PersonalDataScanner.Scan(input.Description) is { } finding) errors["description"] = [finding.Message];
        if (!errors.ContainsKey("name") && PersonalDataScanner.Scan(input.Name) is { } named) errors["name"] = [named.Message];
        foreach (var (field, text) in new[] { ("nameNl", input.NameNl), ("nameFr", input.NameFr), ("nameEn", input.NameEn) })
        {
            if (text is { Length: > 200 }) errors[field] = ["is longer than 200 characters"];
            else if (PersonalDataScanner.Scan(text) is { } finding) errors[field] = [finding.Message];
        }
        if (errors.Count > 0) return errors;

        target.Name = input.Name!.Trim();
        target.NameNl = Optional(input.NameNl);
        target.NameFr = Optional(input.NameFr);
        target.NameEn = Optional(input.NameEn);
        target.Kind = input.Kind!;
        target.Pillar = input.Pillar!;
        target.TargetArea = geometry!;
        target.StartsAt = input.StartsAt!.Value.ToUniversalTime();
        target.EndsAt = input.EndsAt?.ToUniversalTime();
        target.Description = input.Description;
        return null;
    }

    /// <summary>A translation left blank is no translation: the reader then sees <c>name</c>.</summary>
    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static InterventionResponse ToResponse(Intervention i) =>
        new(i.Id, i.Name, i.Kind, i.Pillar, GeoJsonGeometry.Write(i.TargetArea), i.StartsAt, i.EndsAt, i.Description, i.NameNl, i.NameFr, i.NameEn);
}

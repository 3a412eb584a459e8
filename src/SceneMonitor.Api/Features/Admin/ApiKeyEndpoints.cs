using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Security;

namespace SceneMonitor.Api.Features.Admin;

/// <summary>Admin: API keys for machine clients, sent as X-Api-Key. The key is returned once, at creation.</summary>
public static class ApiKeyEndpoints
{
    public sealed record ApiKeyInput(string? Name, string? Role, string? Organisation);
    public sealed record ApiKeyResponse(int Id, string Name, string Prefix, string Role, string? Organisation, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
    public sealed record CreatedApiKey(string Key, ApiKeyResponse ApiKey);

    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/api-keys").WithTags("Admin").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithSummary("All API keys (prefix only; the secret is never shown again).");
        group.MapPost("/", Create).Accepts<ApiKeyInput>("application/json")
            .WithSummary("Create a key for a role (recorder, analyst or planner) and organisation; the response holds the key, shown only this once.");
        group.MapDelete("/{id:int}", Revoke).WithSummary("Revoke a key: it stops working at once (the record stays for the audit log).");
        return app;
    }

    private static async Task<Ok<List<ApiKeyResponse>>> List(SceneMonitorDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct)).Select(ToResponse).ToList());

    private static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> Create(
        HttpContext http, SceneMonitorDb db, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<ApiKeyInput>(http.Request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        // The key acts as "apikey:<name>" (recorded_by, audit), which must fit 128 characters.
        if (string.IsNullOrWhiteSpace(input!.Name) || input.Name.Trim().Length > 100) errors["name"] = ["is required (1–100 characters): what the key is for"];
        if (input.Role is not (Roles.Recorder or Roles.Analyst or Roles.Planner))
            errors["role"] = ["must be recorder, analyst or planner (machine clients never get admin)"];
        if (input.Role == Roles.Recorder && string.IsNullOrWhiteSpace(input.Organisation)) errors["organisation"] = ["is required for a recorder key"];
        if (input.Organisation is { Length: > 128 }) errors["organisation"] = ["is longer than 128 characters"];
        if (errors.Count > 0) return Problems.Invalid(errors, "The API key request is invalid; nothing was stored.");

        var secret = ApiKeys.Generate();
        var key = new ApiKey
        {
            Name = input.Name!.Trim(), Prefix = ApiKeys.PrefixOf(secret), Hash = ApiKeys.Hash(secret), Role = input.Role!,
            Organisation = string.IsNullOrWhiteSpace(input.Organisation) ? null : input.Organisation.Trim(),
            CreatedBy = http.User.NameOf(), CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, AuditActions.AdminChange, new { entity = "api_key", op = "create", id = key.Id, key.Name, key.Prefix, key.Role, key.Organisation }, 1, ct);
        return TypedResults.Created($"/api/admin/api-keys/{key.Id}", new CreatedApiKey(secret, ToResponse(key)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(int id, HttpContext http, SceneMonitorDb db, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return Problems.NotFound($"API key {id}");
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await audit.WriteAsync(http, AuditActions.AdminChange, new { entity = "api_key", op = "revoke", id, key.Name, key.Prefix }, 1, ct);
        }
        return TypedResults.NoContent();
    }

    private static ApiKeyResponse ToResponse(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.Role, k.Organisation, k.CreatedBy, k.CreatedAt, k.RevokedAt, k.LastUsedAt);
}

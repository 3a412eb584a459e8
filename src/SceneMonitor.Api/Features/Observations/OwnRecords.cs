using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.GeoJson;
using SceneMonitor.Core.Observations;
using SceneMonitor.Core.Security;

namespace SceneMonitor.Api.Features.Observations;

/// <summary>"My records" on the recording page: the caller's organisation's recent records
/// (GET /api/observations/mine) and their correction (POST /api/observations/{id}/correct: a
/// withdrawal and a new record in one transaction). Recorders already see every organisation's exact
/// points; this list is narrower, their own organisation's records only, because those are the ones
/// they may withdraw or correct.</summary>
public static class OwnRecords
{
    public sealed record MineResponse(int Days, IReadOnlyList<OwnRecord> Records);
    public sealed record CorrectRequest(string? Reason, ObservationInput? Observation);

    public const int DefaultDays = 7, MaxDays = 31, DefaultLimit = 100, MaxLimit = 500;
    public const int MaxReason = 200; // leaves room for "corrected by #id: " in the 280-character column

    public static readonly QueryParameter[] Parameters =
    [
        OpenApiQuery.Whole("days", $"Records observed in the last this many days (1–{MaxDays}, default {DefaultDays})."),
        OpenApiQuery.Whole("limit", $"At most this many records, newest first (1–{MaxLimit}, default {DefaultLimit})."),
    ];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/mine", Mine).RequireAuthorization(Policies.Record).WithName("listOwnObservations")
            .WithQuery(Parameters)
            .WithSummary("The caller's organisation's records observed in the last days (withdrawn ones flagged), newest first, with externalRef and byMe (recorded by this account). Audited.");
        group.MapPost("/{id:long}/correct", Correct).RequireAuthorization(Policies.Record).WithName("correctObservation")
            .Accepts<CorrectRequest>("application/json")
            .Produces<JsonElement>(StatusCodes.Status201Created, ObservationGeoJson.MediaType).Produces<JsonElement>(StatusCodes.Status200OK, ObservationGeoJson.MediaType)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Correct an observation: the replacement is stored and the old record withdrawn (reason 'corrected by #new: …') in one transaction. Re-sending the same replacement (source, externalRef) returns the stored one (200). Recorders only their own organisation's. Audited.");
    }

    private static async Task<Results<Ok<MineResponse>, ProblemHttpResult>> Mine(HttpContext http, ObservationStore store, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        if (Whole(http.Request, "days", DefaultDays, MaxDays) is not { } days) return Problems.BadRequest("days", $"must be a whole number from 1 to {MaxDays}");
        if (Whole(http.Request, "limit", DefaultLimit, MaxLimit) is not { } limit) return Problems.BadRequest("limit", $"must be a whole number from 1 to {MaxLimit}");
        var user = http.User;
        var rows = await store.OwnRecordsAsync(user.OrganisationOf(), user.NameOf(), clock.GetUtcNow().AddDays(-days), limit, ct);
        await audit.WriteAsync(http, AuditActions.ReadPoints, new { mine = true, days, limit }, rows.Count, ct);
        return TypedResults.Ok(new MineResponse(days, rows));
    }

    private static int? Whole(HttpRequest request, string name, int fallback, int max)
    {
        if (!request.Query.TryGetValue(name, out var text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max ? n : null;
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> Correct(
        long id, HttpRequest request, ObservationStore store, ObservationValidation validation, Auditor audit, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<CorrectRequest>(request, ct);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>();
        var reason = body!.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReason) errors["reason"] = [$"is required (1–{MaxReason} characters): say what was wrong"];
        else if (PersonalDataScanner.Scan(reason) is { } finding) errors["reason"] = [finding.Message];
        if (body.Observation is null) errors["observation"] = ["is required: the corrected observation"];
        else
            foreach (var (field, messages) in await validation.ValidateAsync(body.Observation, ct))
                errors[$"observation.{field}"] = messages;
        if (errors.Count > 0) return Problems.Invalid(errors, "The correction is invalid; nothing was changed.");

        var user = request.HttpContext.User;
        var owner = user.RoleOf() == Roles.Admin ? null : new ObservationStore.OwnedBy(user.OrganisationOf());
        var (outcome, newId) = await store.CorrectAsync(id, reason!, body.Observation!, ObservationEndpoints.Recorder(request), ct, owner);
        switch (outcome)
        {
            case ObservationStore.CorrectOutcome.NotFound: return Problems.NotFound($"Observation {id}");
            case ObservationStore.CorrectOutcome.OtherOrganisation:
                return TypedResults.Problem(title: $"Observation {id} belongs to another organisation; only that organisation or an admin can correct it.", statusCode: StatusCodes.Status403Forbidden);
            case ObservationStore.CorrectOutcome.AlreadyRetracted:
                return TypedResults.Problem(title: $"Observation {id} is already withdrawn; record the observation anew instead.", statusCode: StatusCodes.Status409Conflict);
        }
        var repeated = outcome == ObservationStore.CorrectOutcome.Repeated;
        await audit.WriteAsync(request.HttpContext, AuditActions.Correction, new { withdrawn = id, replacedBy = newId, repeated }, 1, ct);
        var row = (await store.GetAsync(newId!.Value, ct))!;
        return new GeoJsonResult((w, _) => { ObservationGeoJson.WriteFeature(w, row); return Task.CompletedTask; },
            repeated ? StatusCodes.Status200OK : StatusCodes.Status201Created, $"/api/observations/{row.Id}");
    }
}

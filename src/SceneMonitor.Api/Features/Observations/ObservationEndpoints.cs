using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.GeoJson;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Observations;

public static class ObservationEndpoints
{
    public sealed record BatchRequest(List<ObservationInput>? Observations);
    public sealed record BatchResponse(int Created, int Existing, long[] Ids);
    public sealed record RetractRequest(string? Reason);
    private const string GeoJsonMedia = "application/geo+json";

    public static IEndpointRouteBuilder MapObservationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/observations").WithTags("Observations");

        group.MapPost("/", CreateOne).RequireAuthorization(Policies.Record).WithName("createObservation")
            .Accepts<ObservationInput>("application/json")
            .Produces<JsonElement>(StatusCodes.Status201Created, GeoJsonMedia).Produces<JsonElement>(StatusCodes.Status200OK, GeoJsonMedia)
            .WithSummary("Record one observation. Re-posting the same (source, externalRef) from the same organisation returns the stored one (200, audited) instead of a duplicate; keys are per organisation.");
        group.MapPost("/batch", CreateBatch).RequireAuthorization(Policies.Record).WithName("createObservations")
            .Accepts<BatchRequest>("application/json")
            .WithSummary("Record up to 10,000 observations in one transaction: all are stored or none.");
        group.MapGet("/", ObservationList.Handle).RequireAuthorization(Policies.Points).WithName("listObservations")
            .WithQuery(FilterParser.Parameters, ObservationList.Parameters).Produces<JsonElement>(StatusCodes.Status200OK, GeoJsonMedia)
            .WithSummary("Observations as an RFC 7946 FeatureCollection, keyset-paged via the 'next' member (after = the value from the previous next link). Analysts get points snapped to the privacy grid, hours, no notes, opaque ids and an order that says nothing about arrival within the hour. Audited.");
        group.MapGet("/{id}", GetOne).RequireAuthorization(Policies.Points).WithName("getObservation")
            .Produces<JsonElement>(StatusCodes.Status200OK, GeoJsonMedia)
            .WithSummary("One observation as a GeoJSON Feature (shaped per role like the list). Analysts name it by the opaque id they were given; a numeric id is not found for them. Audited.");
        group.MapPost("/{id:long}/retract", Retract).RequireAuthorization(Policies.Record).WithName("retractObservation")
            .Accepts<RetractRequest>("application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Withdraw an observation (it is kept, flagged, and left out of lists and analyses). Recorders only their own organisation's.");
        OwnRecords.Map(group); // GET /mine and POST /{id}/correct: "My records" on the recording page
        return app;
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> CreateOne(
        HttpRequest request, ObservationStore store, ObservationValidation validation, Auditor audit, CancellationToken ct)
    {
        var (input, problem) = await JsonBody.ReadAsync<ObservationInput>(request, ct);
        if (problem is not null) return problem;
        var errors = await validation.ValidateAsync(input!, ct);
        if (errors.Count > 0) return Problems.Invalid(errors, "The observation is invalid; nothing was stored.");

        var written = (await store.InsertAsync([input!], Recorder(request), ct))[0];
        var row = (await store.GetAsync(written.Id, ct))!;
        // The key was the organisation's own (keys are per organisation), so the stored record is theirs
        // to see; answering with it is still a read of a stored record, and audited as one.
        if (written.Existing)
            await audit.WriteAsync(request.HttpContext, AuditActions.ReadPoints, new { id = written.Id, source = input!.Source, externalRef = input.ExternalRef, repost = true }, 1, ct);
        return new GeoJsonResult((w, _) => { ObservationGeoJson.WriteFeature(w, row); return Task.CompletedTask; },
            written.Existing ? StatusCodes.Status200OK : StatusCodes.Status201Created, $"/api/observations/{written.Id}");
    }

    private static async Task<Results<Created<BatchResponse>, Ok<BatchResponse>, ProblemHttpResult>> CreateBatch(
        HttpRequest request, ObservationStore store, ObservationValidation validation, Microsoft.Extensions.Options.IOptions<ObservationOptions> options, CancellationToken ct)
    {
        var (batch, problem) = await JsonBody.ReadAsync<BatchRequest>(request, ct);
        if (problem is not null) return problem;
        var items = batch!.Observations;
        if (items is null || items.Count == 0)
            return Problems.Invalid(new Dictionary<string, string[]> { ["observations"] = ["must be a non-empty array"] });
        if (items.Count > options.Value.MaxBatch)
            return Problems.Invalid(new Dictionary<string, string[]> { ["observations"] = [$"has {items.Count} items; at most {options.Value.MaxBatch} per batch"] });

        var errors = await validation.ValidateBatchAsync(items, ct);
        if (errors.Count > 0)
            return Problems.Invalid(errors, $"{errors.Keys.Select(k => k[..k.IndexOf(']')]).Distinct().Count()} of {items.Count} observations are invalid; nothing was stored.");

        var written = await store.InsertAsync(items, Recorder(request), ct);
        var response = new BatchResponse(written.Count(w => !w.Existing), written.Count(w => w.Existing), written.Select(w => w.Id).ToArray());
        return response.Created > 0 ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> GetOne(
        string id, HttpContext http, ObservationStore store, Privacy privacy, ObservationIds ids, Auditor audit, CancellationToken ct)
    {
        var view = privacy.ViewFor(http.User);
        var found = ids.Read(id, view);
        var row = found is { } n ? await store.GetAsync(n, ct, view) : null;
        // The audit names the real id (admins read it); an id that names nothing is logged as given.
        await audit.WriteAsync(http, AuditActions.ReadPoints, new { id = found is { } real ? real : (object)id }, row is null ? 0 : 1, ct);
        if (row is null) return Problems.NotFound($"Observation {id}");
        return new GeoJsonResult((w, _) => { ObservationGeoJson.WriteFeature(w, row, ids.OpaqueFor(row.Id, view)); return Task.CompletedTask; });
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Retract(
        long id, HttpRequest request, ObservationStore store, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<RetractRequest>(request, ct);
        if (problem is not null) return problem;
        var reason = body!.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 280)
            return Problems.Invalid(new Dictionary<string, string[]> { ["reason"] = ["is required (1–280 characters): say why the observation is withdrawn"] });
        if (PersonalDataScanner.Scan(reason) is { } finding)
            return Problems.Invalid(new Dictionary<string, string[]> { ["reason"] = [finding.Message] });

        // Admins retract anything; recorders (and recorder API keys) only their own organisation's records.
        var user = request.HttpContext.User;
        var owner = user.RoleOf() == SceneMonitor.Core.Security.Roles.Admin ? null : new ObservationStore.OwnedBy(user.OrganisationOf());
        return await store.RetractAsync(id, reason, Recorder(request).RecordedBy, ct, owner) switch
        {
            ObservationStore.RetractOutcome.Retracted => TypedResults.NoContent(),
            ObservationStore.RetractOutcome.OtherOrganisation => TypedResults.Problem(
                title: $"Observation {id} belongs to another organisation; only that organisation or an admin can retract it.", statusCode: StatusCodes.Status403Forbidden),
            ObservationStore.RetractOutcome.AlreadyRetracted => TypedResults.Problem(title: $"Observation {id} is already retracted.", statusCode: StatusCodes.Status409Conflict),
            _ => Problems.NotFound($"Observation {id}"),
        };
    }

    internal static ObservationStore.WriteContext Recorder(HttpRequest request)
    {
        var user = request.HttpContext.User;
        return new ObservationStore.WriteContext(user.NameOf(), user.OrganisationOf());
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Core.Data;

namespace SceneMonitor.Api.Features.Displacement;

public static class DisplacementEndpoints
{
    public static IEndpointRouteBuilder MapDisplacementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/displacement", Run).WithTags("Displacement").Accepts<DisplacementRequest>("application/json")
            .WithSummary("Displacement analysis of stored observations for an area and two periods; saved and reusable via /api/analyses/{id}.");
        app.MapGet("/api/interventions/{id:int}/displacement", ForIntervention).WithTags("Displacement")
            .WithSummary("Displacement around an intervention: equal windows before and after its start (default 26 weeks, shortened to the data), 2 km study area.");
        app.MapGet("/api/analyses/{id:guid}", Saved).WithTags("Displacement").WithSummary("A saved analysis result.");
        return app;
    }

    private static async Task<Results<Ok<DisplacementResult>, ProblemHttpResult>> Run(
        HttpRequest request, DisplacementRequestParser parser, DisplacementService service, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<DisplacementRequest>(request, ct);
        if (problem is not null) return problem;
        var (parameters, errors) = await parser.ParseAsync(body!, ct);
        if (errors is not null) return Problems.Invalid(errors, "The analysis request is invalid.");
        var (result, _) = await service.RunAsync(parameters!, request.HttpContext.User.Identity?.Name, ct);
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<DisplacementResult>, ProblemHttpResult>> ForIntervention(
        int id, HttpRequest request, NpgsqlDataSource db, DisplacementRequestParser parser, DisplacementService service, TimeProvider clock, CancellationToken ct)
    {
        var q = request.Query;
        await using var cmd = db.CreateCommand("""
            SELECT starts_at, target_area, ST_Buffer(target_area::geography, 2000)::geometry, name FROM interventions WHERE id = @id
            """);
        cmd.Parameters.AddWithValue("id", id);
        DateTimeOffset start;
        Geometry target, study;
        string name;
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await r.ReadAsync(ct)) return Problems.NotFound($"Intervention {id}");
            (start, target, study, name) = (r.GetFieldValue<DateTimeOffset>(0), r.GetFieldValue<Geometry>(1), r.GetFieldValue<Geometry>(2), r.GetString(3));
        }

        var weeks = 26;
        if (q.TryGetValue("weeks", out var w) && (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out weeks) || weeks is < 1 or > 260))
            return Problems.BadRequest("weeks", "must be a whole number of weeks from 1 to 260");
        var onlySwept = false;
        if (q.TryGetValue("onlySweptCells", out var swept) && !bool.TryParse(swept, out onlySwept))
            return Problems.BadRequest("onlySweptCells", "must be true or false");
        var window = TimeSpan.FromDays(7 * weeks);
        var available = clock.GetUtcNow() - start;
        if (available < TimeSpan.FromDays(7))
            return Problems.Invalid(new Dictionary<string, string[]> { ["startsAt"] = ["the intervention started less than a week ago: there is no 'after' period to compare yet"] });
        if (available < window) window = TimeSpan.FromDays(Math.Floor(available.TotalDays));

        var request2 = new DisplacementRequest
        {
            Before = new PeriodInput(start - window, start),
            After = new PeriodInput(start, start + window),
            CellSize = Double(q, "cellSize"), Grid = q["grid"].FirstOrDefault(), Band = Double(q, "band"),
            Categories = FilterParser.Multi(q, "category").ToList(),
            OnlySweptCells = onlySwept,
        };
        var (parameters, errors) = await parser.ParseAsync(request2, ct, study, $"intervention {id}: {name}", target);
        // Errors name the query parameters the caller sent, not the request fields they were copied to.
        if (errors is not null)
            return Problems.Invalid(errors.ToDictionary(e => e.Key == "categories" ? "category" : e.Key, e => e.Value), "The analysis request is invalid.");
        var (result, _) = await service.RunAsync(parameters! with { InterventionId = id }, request.HttpContext.User.Identity?.Name, ct);
        return TypedResults.Ok(result);
    }

    private static double? Double(IQueryCollection q, string name) =>
        q.TryGetValue(name, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : q.ContainsKey(name) ? double.NaN : null;

    private static async Task<Results<Ok<DisplacementResult>, ProblemHttpResult>> Saved(Guid id, SceneMonitorDb db,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var saved = await db.Analyses.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (saved is null) return Problems.NotFound($"Analysis {id}");
        // jsonb reorders keys; reading it back into the result type restores the documented shape.
        return TypedResults.Ok(JsonSerializer.Deserialize<DisplacementResult>(saved.ResultJson, json.Value.SerializerOptions)!);
    }
}

public sealed record PeriodInput(DateTimeOffset? From, DateTimeOffset? To);

public sealed record DisplacementRequest
{
    /// <summary>An area id, a bbox [minLon, minLat, maxLon, maxLat], or a GeoJSON Polygon/MultiPolygon.</summary>
    public JsonElement? Area { get; init; }
    public JsonElement? Target { get; init; }
    public JsonElement? Control { get; init; }
    public List<string>? Categories { get; init; }
    public PeriodInput? Before { get; init; }
    public PeriodInput? After { get; init; }
    public double? CellSize { get; init; }
    public string? Grid { get; init; }
    public double? Band { get; init; }
    public int? K { get; init; }
    public bool? Fdr { get; init; }
    public bool? OnlySweptCells { get; init; }
    public int? Seed { get; init; }
}

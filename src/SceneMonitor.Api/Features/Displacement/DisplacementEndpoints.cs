using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Analyses;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>The displacement analysis of stored data: posted, around an intervention, or saved. Every
/// run reads the caller's view (<see cref="DisplacementParameters.View"/>), is audited with the
/// parameters that shaped it, and planners get only the protected summary
/// (<see cref="DisplacementPlannerSummary"/>).</summary>
public static class DisplacementEndpoints
{
    public static IEndpointRouteBuilder MapDisplacementEndpoints(this IEndpointRouteBuilder app)
    {
        app = app.MapGroup("").RequireAuthorization(Policies.Read);
        app.MapPost("/api/displacement", Run).WithTags("Displacement").Accepts<DisplacementRequest>("application/json")
            .WithSummary("Displacement analysis of stored observations for an area and two periods; saved and reusable via /api/analyses/{id}.");
        app.MapGet("/api/interventions/{id:int}/displacement", ForIntervention).WithTags("Displacement")
            .WithQuery([OpenApiQuery.Whole("weeks", "Weeks before and after the start (default 26)."), OpenApiQuery.Flag("onlySweptCells", "Only cells that were swept in both periods."),
                OpenApiQuery.Number("cellSize", "Cell size in metres."), OpenApiQuery.Text("grid", "hex or square."), OpenApiQuery.Number("band", "Kernel bandwidth in metres."),
                OpenApiQuery.List("category", "Category codes."), OpenApiQuery.List("rings", "Ring outer distances in metres."),
                OpenApiQuery.Number("controlFrom", "Control region starts this many metres from the target."), OpenApiQuery.List("controlAreas", "Area ids for the control.")])
            .WithSummary("Displacement around an intervention: equal windows before and after its start (default 26 weeks, shortened to the data), 2 km study area; rings, controlFrom and controlAreas (comma lists) as in POST /api/displacement.");
        app.MapControlSuggestions();
        app.MapGet("/api/analyses/{id:guid}", Saved).WithTags("Displacement").WithSummary("A saved analysis result.");
        return app;
    }

    private static async Task<Results<Ok<DisplacementResult>, JsonHttpResult<DisplacementPlannerSummary>, ProblemHttpResult>> Run(
        HttpRequest request, DisplacementRequestParser parser, DisplacementService service, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<DisplacementRequest>(request, ct);
        if (problem is not null) return problem;
        var (parameters, errors) = await parser.ParseAsync(body!, privacy.ViewFor(request.HttpContext.User), ct);
        if (errors is not null) return Problems.Invalid(errors, "The analysis request is invalid.");
        return await AnswerAsync(request.HttpContext, parameters!, service, privacy, audit, ct);
    }

    /// <summary>Audits the run with what shaped it, runs it (or finds it saved) and shapes it for the caller.</summary>
    private static async Task<Results<Ok<DisplacementResult>, JsonHttpResult<DisplacementPlannerSummary>, ProblemHttpResult>> AnswerAsync(
        HttpContext http, DisplacementParameters parameters, DisplacementService service, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var described = DisplacementService.Describe(parameters);
        described["studyAreaGeometry"] = parameters.StudyArea.AsText();
        if (parameters.Target is { } t) described["targetGeometry"] = t.AsText();
        // A drawn control is recorded as drawn; predefined areas are named by their ids (in the parameters).
        if (parameters.Control is { } c && parameters.ControlAreaIds.Count == 0) described["controlGeometry"] = c.AsText();
        await audit.WriteAsync(http, AuditActions.Analysis, described, null, ct);
        var (result, _) = await service.RunAsync(parameters, http.User.Identity?.Name, ct);
        return Shape(result, parameters.View, privacy);
    }

    private static Results<Ok<DisplacementResult>, JsonHttpResult<DisplacementPlannerSummary>, ProblemHttpResult> Shape(
        DisplacementResult result, Core.Observations.ObservationView view, Privacy privacy) =>
        view.AggregatesOnly ? TypedResults.Json(DisplacementPlannerSummary.Of(result, privacy.Counts)) : TypedResults.Ok(result);

    private static async Task<Results<Ok<DisplacementResult>, JsonHttpResult<DisplacementPlannerSummary>, ProblemHttpResult>> ForIntervention(
        int id, HttpRequest request, DisplacementData data, DisplacementRequestParser parser, DisplacementService service, TimeProvider clock,
        Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var q = request.Query;
        if (await data.InterventionAsync(id, ct) is not var (name, start, target, study)) return Problems.NotFound($"Intervention {id}");

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
            Rings = q.ContainsKey("rings") ? FilterParser.Multi(q, "rings").Select(Number).ToList() : null,
            ControlFrom = Double(q, "controlFrom"),
            ControlAreas = q.ContainsKey("controlAreas") ? FilterParser.Multi(q, "controlAreas").Select(a => int.TryParse(a, CultureInfo.InvariantCulture, out var i) ? i : -1).ToList() : null,
        };
        var view = privacy.ViewFor(request.HttpContext.User);
        if (view.AggregatesOnly)
        {
            // Planners get whole days: the windows end at the midnight before the start (and the same
            // number of days after), so no two answers differ by less than a day.
            var days = Math.Max(1, (int)Math.Floor(window.TotalDays));
            var startDay = privacy.Granularity.DayStart(start);
            // Via noon, so a clock change between the two days cannot move the result off a midnight.
            DateTimeOffset Day(int n) => privacy.Granularity.DayStart(startDay.AddDays(n).AddHours(12));
            request2 = request2 with { Before = new PeriodInput(Day(-days), startDay), After = new PeriodInput(startDay, Day(days)) };
        }
        var (parameters, errors) = await parser.ParseAsync(request2, view, ct, study, $"intervention {id}: {name}", target);
        // Errors name the query parameters the caller sent, not the request fields they were copied to.
        if (errors is not null)
            return Problems.Invalid(errors.ToDictionary(e => e.Key == "categories" ? "category" : e.Key, e => e.Value), "The analysis request is invalid.");
        return await AnswerAsync(request.HttpContext, parameters! with { InterventionId = id }, service, privacy, audit, ct);
    }

    private static double Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;

    private static double? Double(IQueryCollection q, string name) =>
        q.TryGetValue(name, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : q.ContainsKey(name) ? double.NaN : null;

    /// <summary>A saved result, only for callers whose view is at least as precise as the one it was
    /// computed on (an exact result is not an analyst's), shaped for planners as when it was run.</summary>
    private static async Task<Results<Ok<DisplacementResult>, JsonHttpResult<DisplacementPlannerSummary>, ProblemHttpResult>> Saved(
        Guid id, HttpContext http, SceneMonitorDb db, Privacy privacy, Auditor audit,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var saved = await db.Analyses.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Kind == DisplacementService.Kind, ct);
        if (saved is null) return Problems.NotFound($"Analysis {id}");
        var view = privacy.ViewFor(http.User);
        if (!view.MaySee(DisplacementService.ViewOf(saved)))
            return Problems.Forbidden($"Analysis {id} was computed on exact points; your role sees analyses of the coarse view only. Run it again (the same request gives you a result on your view).");
        await audit.WriteAsync(http, AuditActions.Analysis, new { analysis = id, saved = true }, null, ct);
        // jsonb reorders keys; reading it back into the result type restores the documented shape.
        return Shape(JsonSerializer.Deserialize<DisplacementResult>(saved.ResultJson, json.Value.SerializerOptions)!, view, privacy);
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
    /// <summary>Gi* conditional permutations (default 999; 0 = normal approximation).</summary>
    public int? Permutations { get; init; }
    /// <summary>"proportion" (default, BY-adjusted) or "resample" (Andresen's test).</summary>
    public string? SpptMethod { get; init; }
    /// <summary>Outer edges of the buffer rings in metres from the target's edge (default 250, 500, 750, 1000).</summary>
    public List<double>? Rings { get; init; }
    /// <summary>Where the control starts, in metres from the target's edge (default: the last ring's edge).</summary>
    public double? ControlFrom { get; init; }
    /// <summary>Predefined area ids (GET /api/areas) whose union is the control, instead of a drawn one.</summary>
    public List<int>? ControlAreas { get; init; }
}

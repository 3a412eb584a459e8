using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Analyses;
using SceneMonitor.Core.Audit;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>GET /api/displacement/control-suggestions?intervention=&lt;id&gt;: neighbourhoods beyond the
/// control's start ranked by how closely their weekly counts before the intervention match the
/// target's in level and trend (<see cref="ControlSuggestions"/>), to pass as <c>controlAreas</c>.
/// Read through the caller's view and audited like the analyses. Planners are refused: the ranking
/// and its figures come from weekly counts per neighbourhood, most of them below the small-count
/// threshold, and a score or trend would give them back.</summary>
public static class ControlSuggestionEndpoint
{
    public const int MaxWeeks = 104;

    public sealed record Response(int Intervention, PeriodInput Before, int Weeks, double ControlFrom, TargetSeries Target,
        IReadOnlyList<Suggestion> Suggestions, string? Note);

    public sealed record TargetSeries(int Before, double WeeklyMean, double Trend);

    /// <param name="Trend">Least-squares slope per week as a share of the weekly mean (0.01 = +1 % a week).</param>
    /// <param name="Score">Lower = more alike: |ln ratio| + weeks·|trend difference| + (1 − correlation)/2.</param>
    public sealed record Suggestion(int Id, string Name, string? NameFr, string? NameNl, int Before, double WeeklyMean, double Ratio,
        double Trend, double? Correlation, double Score, string Why);

    public static IEndpointRouteBuilder MapControlSuggestions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/displacement/control-suggestions", Handle).WithTags("Displacement").RequireAuthorization(Policies.Read)
            .WithQuery([OpenApiQuery.Whole("intervention", "Intervention id (required).") with { Required = true },
                OpenApiQuery.Whole("weeks", "Weeks before the start compared (default 26)."), OpenApiQuery.Whole("limit", "Suggestions (default 10)."),
                OpenApiQuery.Number("controlFrom", "Distance in metres from the target's edge.")])
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Neighbourhoods that resemble an intervention's target before it (level and trend of weekly counts), as candidate controls (controlAreas). Not for planners.");
        return app;
    }

    private static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(HttpRequest request, DisplacementData displacement,
        ControlSuggestionData data, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var q = request.Query;
        var view = privacy.ViewFor(request.HttpContext.User);
        if (view.AggregatesOnly)
            return Problems.Forbidden("Control suggestions rank neighbourhoods by their weekly counts, which your role may not see below the small-count threshold; choose controlAreas yourself (GET /api/areas).");
        if (!int.TryParse(q["intervention"], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return Problems.BadRequest("intervention", "is required: an intervention id (GET /api/interventions)");
        var errors = new Dictionary<string, string[]>();
        var weeks = Int(q, "weeks", 26, 2, MaxWeeks, errors);
        var limit = Int(q, "limit", 10, 1, 100, errors);
        var controlFrom = DisplacementParameters.DefaultRings[^1];
        if (q.ContainsKey("controlFrom") && (!double.TryParse(q["controlFrom"], NumberStyles.Float, CultureInfo.InvariantCulture, out controlFrom)
            || !double.IsFinite(controlFrom) || controlFrom is < 0 or > CatchmentRequest.MaxDistance))
            errors["controlFrom"] = [$"must be a distance in metres from the target's edge, from 0 to {CatchmentRequest.MaxDistance}"];
        if (errors.Count > 0) return Problems.Invalid(errors, "The suggestion request is invalid.");
        if (await displacement.InterventionAsync(id, ct) is not var (_, start, target, _)) return Problems.NotFound($"Intervention {id}");

        var from = start.AddDays(-7 * weeks);
        await audit.WriteAsync(request.HttpContext, AuditActions.Analysis,
            new { kind = "control-suggestions", intervention = id, weeks, controlFrom, view = view.Level }, null, ct);
        var series = await data.LoadAsync(target, controlFrom, from, weeks, view, ct);
        var ranked = ControlSuggestions.Rank(series.Target, series.Candidates.Select(c => new ControlCandidate(c.Id, c.Weekly)).ToList());
        var names = series.Candidates.ToDictionary(c => c.Id);
        var suggestions = ranked.Ranked.Take(limit).Select(s =>
        {
            var n = names[s.Id];
            var why = string.Create(CultureInfo.InvariantCulture,
                $"{s.WeeklyMean:0.0} events a week against {ranked.TargetWeeklyMean:0.0} at the target (ratio {s.Ratio:0.00}); trend {s.Trend:+0.0%;-0.0%;0.0%} a week against {ranked.TargetTrend:+0.0%;-0.0%;0.0%}; correlation of the weekly series {(s.Correlation is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "undefined")}.");
            return new Suggestion(s.Id, n.Name, n.NameFr, n.NameNl, (int)s.Total, Math.Round(s.WeeklyMean, 2), Math.Round(s.Ratio, 3),
                Math.Round(s.Trend, 4), s.Correlation is { } c ? Math.Round(c, 3) : null, Math.Round(s.Score, 3), why);
        }).ToList();
        return TypedResults.Ok(new Response(id, new PeriodInput(from, start), weeks, controlFrom,
            new TargetSeries((int)ranked.TargetTotal, Math.Round(ranked.TargetWeeklyMean, 2), Math.Round(ranked.TargetTrend, 4)), suggestions, ranked.Note));
    }

    private static int Int(IQueryCollection q, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (!q.ContainsKey(name)) return fallback;
        if (int.TryParse(q[name], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        errors[name] = [$"must be a whole number from {min} to {max}"];
        return fallback;
    }
}

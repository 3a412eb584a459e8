using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Api.Features.Displacement;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Analyses;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Features.Emerging;

/// <summary>Emerging Hot Spot analysis of stored observations: Gi* per cell in each of N equal
/// periods and the ESRI categories (new, consecutive, intensifying, persistent, diminishing,
/// sporadic, oscillating, historical; hot and cold) with a Mann–Kendall trend per cell. Runs on the
/// caller's view, audited with its parameters; planners ask for whole days split into whole-day
/// periods and get only the protected summary.</summary>
public static partial class EmergingEndpoints
{
    public sealed record EmergingSummary(int Total, IReadOnlyList<int> CountsPerPeriod, IReadOnlyDictionary<string, int> CategoryCounts, IReadOnlyList<string> Notes);

    public sealed record EmergingResult(JsonObject Parameters, IReadOnlyList<Period> Periods, JsonObject Cells, EmergingSummary Summary);

    /// <summary>What a planner gets: counts per period under the small-count rule (a hidden period
    /// hides every period and keeps the total, which the area's summary and aggregates publish for
    /// the same period anyway), the category counts and notes only when the total is published.</summary>
    public sealed record PlannerSummary(long? Total, IReadOnlyList<long?> CountsPerPeriod, IReadOnlyDictionary<string, int>? CategoryCounts,
        IReadOnlyList<string> Notes, int MinCount);

    public sealed record PlannerResult(string Detail, JsonObject Parameters, IReadOnlyList<Period> Periods, PlannerSummary Summary);

    public static IEndpointRouteBuilder MapEmergingEndpoints(this IEndpointRouteBuilder app)
    {
        app = app.MapGroup("").RequireAuthorization(Policies.Read);
        app.MapPost("/api/emerging", Run).WithTags("Displacement").Accepts<EmergingRequest>("application/json")
            .WithSummary("Emerging Hot Spot categories per cell over N equal periods or calendar weeks/months of [from, to) (space-time Gi* per period, Mann–Kendall trend).");
        app.MapPost("/api/emerging/frames", EvolutionFrames.Run).WithTags("Displacement").Accepts<EmergingRequest>("application/json")
            .WithSummary("Counts per cell per period (the evolution slider's frames); planners get each count only when it is at least k.");
        return app;
    }

    private static async Task<Results<Ok<EmergingResult>, JsonHttpResult<PlannerResult>, ProblemHttpResult>> Run(
        HttpRequest request, DisplacementRequestParser areas, EmergingData data, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var (q, problem) = await EmergingQuery.ParseAsync(request, areas, privacy, ct);
        if (problem is not null) return problem;
        await audit.WriteAsync(request.HttpContext, AuditActions.Analysis, q!.Audit("emerging"), null, ct);
        var cells = await q.LoadAsync(data, ct);
        var periods = q.PeriodCount;
        var byPeriod = Enumerable.Range(0, periods).Select(t => (IReadOnlyList<double>)cells.Select(c => c.Counts[t]).ToArray()).ToArray();
        var analysis = EmergingHotspots.Analyse(cells.Select(c => new PlanarPoint(c.X, c.Y)).ToArray(), byPeriod, Neighbourhood.Band(q.Band), q.Fdr,
            timeLag: q.TimeLag);

        var features = new JsonArray();
        for (var i = 0; i < cells.Count; i++)
        {
            var (cell, result) = (cells[i], analysis.Cells[i]);
            var trend = result.Result.Trend;
            features.Add(new JsonObject
            {
                ["type"] = "Feature", ["geometry"] = JsonNode.Parse(cell.GeoJson),
                ["properties"] = new JsonObject
                {
                    ["key"] = $"{cell.Key.I}:{cell.Key.J}",
                    ["counts"] = new JsonArray(cell.Counts.Select(n => (JsonNode)(int)n).ToArray()),
                    ["gi"] = new JsonArray(result.GiStar.Select(g => (JsonNode)Math.Round(g.Z, 3)).ToArray()),
                    ["category"] = Code(result.Result.Category),
                    ["trendZ"] = Finite(trend.Z), ["trendP"] = Finite(trend.P), ["tau"] = Finite(trend.Tau),
                },
            });
        }
        var notes = analysis.Note is null ? new List<string>() : [analysis.Note];
        var summary = new EmergingSummary(
            (int)cells.Sum(c => c.Counts.Sum()),
            Enumerable.Range(0, periods).Select(t => (int)cells.Sum(c => c.Counts[t])).ToArray(),
            analysis.Cells.GroupBy(c => Code(c.Result.Category)).ToDictionary(g => g.Key, g => g.Count()),
            notes);
        var parameters = q.Parameters();
        if (q.View.AggregatesOnly) return TypedResults.Json(new PlannerResult("summary", parameters, q.Periods, Protect(summary, privacy.Counts)));
        return TypedResults.Ok(new EmergingResult(parameters, q.Periods, new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }, summary));
    }

    private static PlannerSummary Protect(EmergingSummary s, SmallCounts rule)
    {
        var group = rule.Protect(s.Total, s.CountsPerPeriod.Select(n => (long)n).ToArray());
        var published = group.Total is not null;
        return new PlannerSummary(group.Total, group.Parts, published ? s.CategoryCounts : null, published ? s.Notes : [], rule.K);
    }

    /// <summary>Six significant digits, not six decimals: a trend p of 1e-9 stays 1e-9, not 0.</summary>
    private static double? Finite(double v) => double.IsFinite(v) ? Significant.Round(v, 6) : null;

    /// <summary>NewHot → new_hot: stable codes for the API.</summary>
    private static string Code(EmergingCategory c) => Words().Replace(c.ToString(), "_$1").ToLowerInvariant();

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}

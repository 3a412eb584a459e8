using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Geometries;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
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
    public const int MaxCells = 20_000;

    public sealed record EmergingRequest(JsonElement? Area, List<string>? Categories, DateTimeOffset? From, DateTimeOffset? To,
        int? Periods, double? CellSize, string? Grid, double? Band, bool? Fdr);

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
            .WithSummary("Emerging Hot Spot categories per cell over N equal periods of [from, to) (Gi* per period, Mann–Kendall trend).");
        return app;
    }

    private static async Task<Results<Ok<EmergingResult>, JsonHttpResult<PlannerResult>, ProblemHttpResult>> Run(
        HttpRequest request, DisplacementRequestParser areas, EmergingData data, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var (r, problem) = await JsonBody.ReadAsync<EmergingRequest>(request, ct);
        if (problem is not null) return problem;
        var view = privacy.ViewFor(request.HttpContext.User);
        var errors = new Dictionary<string, string[]>();
        var periods = r!.Periods ?? 6;
        if (periods is < 3 or > 36) errors["periods"] = ["must be between 3 and 36"];
        var cellSize = DisplacementRequestParser.CellSize(r.CellSize, view, errors);
        var grid = r.Grid ?? "hex";
        if (grid is not ("hex" or "square")) errors["grid"] = ["must be hex or square"];
        if (r.Band is { } band && (!double.IsFinite(band) || band <= 0 || band > 10_000)) errors["band"] = ["must be a distance in metres, above 0 and at most 10000"];
        if (r.From is null) errors["from"] = ["is required (ISO 8601)"];
        if (r.To is null) errors["to"] = ["is required (ISO 8601)"];
        else if (r.From is not null && r.To <= r.From) errors["to"] = ["must be after from"];
        if (view.AggregatesOnly && errors.Count == 0) PlannerPeriods(privacy.Granularity, r.From!.Value, r.To!.Value, periods, errors);
        var (study, label) = await areas.StudyAreaAsync(r.Area, errors, ct, view);
        if (study is not null && errors.Count == 0)
        {
            var m2 = study.Area * 111_320 * 70_000;
            if (m2 / (cellSize * cellSize * (grid == "hex" ? 2.598 : 1)) > MaxCells)
                errors["cellSize"] = [$"the area would need more than {MaxCells} cells; use larger cells or a smaller area"];
        }
        if (errors.Count > 0) return Problems.Invalid(errors, "The analysis request is invalid.");

        var kind = grid == "square" ? GridKind.Square : GridKind.Hexagon;
        var categories = (r.Categories ?? []).Distinct().Order().ToList();
        await audit.WriteAsync(request.HttpContext, AuditActions.Analysis, new
        {
            kind = "emerging", view = view.Level, area = label, areaGeometry = study!.AsText(), categories, from = r.From, to = r.To, periods, cellSize, grid,
            band = r.Band, fdr = r.Fdr ?? false,
        }, null, ct);
        var cells = await data.LoadAsync(study!, categories, r.From!.Value, r.To!.Value, periods, kind, cellSize, view, ct);
        var neighbourhood = Neighbourhood.Band(r.Band ?? CellGrid.Create(kind, cellSize).AdjacencyBand);
        var byPeriod = Enumerable.Range(0, periods).Select(t => (IReadOnlyList<double>)cells.Select(c => c.Counts[t]).ToArray()).ToArray();
        var analysis = EmergingHotspots.Analyse(cells.Select(c => new PlanarPoint(c.X, c.Y)).ToArray(), byPeriod, neighbourhood, r.Fdr ?? false);

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
        var length = (r.To.Value - r.From.Value).Ticks / periods;
        var periodList = Enumerable.Range(0, periods)
            .Select(t => new Period(r.From.Value.AddTicks(length * t), t == periods - 1 ? r.To.Value : r.From.Value.AddTicks(length * (t + 1)))).ToList();
        var notes = analysis.Note is null ? new List<string>() : [analysis.Note];
        var summary = new EmergingSummary(
            (int)cells.Sum(c => c.Counts.Sum()),
            Enumerable.Range(0, periods).Select(t => (int)cells.Sum(c => c.Counts[t])).ToArray(),
            analysis.Cells.GroupBy(c => Code(c.Result.Category)).ToDictionary(g => g.Key, g => g.Count()),
            notes);
        var parameters = new JsonObject
        {
            ["area"] = label, ["categories"] = new JsonArray(categories.Select(c => (JsonNode)c).ToArray()),
            ["view"] = view.Level, ["from"] = r.From.Value, ["to"] = r.To.Value, ["periods"] = periods, ["cellSize"] = cellSize, ["grid"] = grid,
            ["band"] = Math.Round(r.Band ?? CellGrid.Create(kind, cellSize).AdjacencyBand, 3), ["fdr"] = r.Fdr ?? false,
            ["crs"] = "EPSG:3812 (Belgian Lambert 2008) for all distances",
        };
        if (view.AggregatesOnly) return TypedResults.Json(new PlannerResult("summary", parameters, periodList, Protect(summary, privacy.Counts)));
        return TypedResults.Ok(new EmergingResult(parameters, periodList, new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }, summary));
    }

    /// <summary>Planners: from and to at midnights and every period a whole number of days, so no
    /// period boundary falls within a day (24 periods over one day would be hourly counts).</summary>
    private static void PlannerPeriods(PlannerGranularity granularity, DateTimeOffset from, DateTimeOffset to, int periods, Dictionary<string, string[]> errors)
    {
        if (granularity.CheckPeriod(from, to) is { } v) errors[v.Field] = [v.Message];
        else if (Math.Round((to - from).TotalDays) % periods != 0)
            errors["periods"] = [$"for planners each period is a whole number of days: {Math.Round((to - from).TotalDays)} days do not divide into {periods} periods"];
    }

    private static PlannerSummary Protect(EmergingSummary s, SmallCounts rule)
    {
        var group = rule.Protect(s.Total, s.CountsPerPeriod.Select(n => (long)n).ToArray());
        var published = group.Total is not null;
        return new PlannerSummary(group.Total, group.Parts, published ? s.CategoryCounts : null, published ? s.Notes : [], rule.K);
    }

    private static double? Finite(double v) => double.IsFinite(v) ? Math.Round(v, 6) : null;

    /// <summary>NewHot → new_hot: stable codes for the API.</summary>
    private static string Code(EmergingCategory c) => Words().Replace(c.ToString(), "_$1").ToLowerInvariant();

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}

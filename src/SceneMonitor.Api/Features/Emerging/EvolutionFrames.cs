using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using SceneMonitor.Api.Features.Displacement;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Analyses;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Features.Emerging;

/// <summary>POST /api/emerging/frames: the count of every grid cell in every period (a week or a
/// month), in one answer, for the evolution slider. Same body, grid and view as the emerging
/// analysis (the same loader reads the same coarse points), audited as an analysis.
/// Planners get a cell's count in a period only when it is at least k, and no sums: a hidden
/// count is then indistinguishable from zero and nothing in the answer adds up to it (no cell
/// total, no period total). And planners get calendar months only: months are one fixed partition
/// of time, so two answers' frames are the same or disjoint and cannot be differenced (a month and
/// the weeks inside it could: the month's count minus the published weeks would give a hidden
/// week back). Each frame is what GET /api/aggregates/grid publishes for that month's whole days,
/// on the same grid: the answer adds convenience, not information.</summary>
public static class EvolutionFrames
{
    public sealed record FramesResult(JsonObject Parameters, IReadOnlyList<Period> Periods, JsonObject Cells, int? MinCount);

    public static async Task<Results<Ok<FramesResult>, ProblemHttpResult>> Run(
        HttpRequest request, DisplacementRequestParser areas, EmergingData data, Privacy privacy, Auditor audit, CancellationToken ct)
    {
        var (q, problem) = await EmergingQuery.ParseAsync(request, areas, privacy, ct);
        if (problem is not null) return problem;
        if (q!.View.AggregatesOnly && q.Interval != "month")
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["interval"] = ["planners get frames by calendar month only (interval = month): weeks or equal periods overlap months, and a month minus the weeks inside it would give a hidden count back"],
            }, "The analysis request is invalid.");
        var cells = await q.LoadAsync(data, ct);
        var features = new JsonArray();
        foreach (var cell in cells)
        {
            var counts = cell.Counts.Select(n => Published((long)n, q.View.AggregatesOnly ? privacy.Counts : null)).ToArray();
            if (counts.All(n => n is null or 0)) continue; // empty (or, for planners, nothing publishable): left out
            features.Add(new JsonObject
            {
                ["type"] = "Feature", ["geometry"] = JsonNode.Parse(cell.GeoJson),
                ["properties"] = new JsonObject
                {
                    ["key"] = $"{cell.Key.I}:{cell.Key.J}",
                    ["counts"] = new JsonArray(counts.Select(n => n is null ? null : (JsonNode)n.Value).ToArray()),
                },
            });
        }
        await audit.WriteAsync(request.HttpContext, AuditActions.Analysis, q.Audit("emerging-frames"), features.Count, ct);

        var parameters = q.Parameters();
        foreach (var analysisOnly in new[] { "band", "fdr", "timeLag", "neighbourhood" }) parameters.Remove(analysisOnly);
        return TypedResults.Ok(new FramesResult(parameters, q.Periods, new JsonObject { ["type"] = "FeatureCollection", ["features"] = features },
            q.View.AggregatesOnly ? privacy.Counts.K : null));
    }

    /// <summary>The count as published: as it is, or for planners only from k up (null below,
    /// zeros included, as the grid aggregates leave such cells out).</summary>
    private static long? Published(long count, SmallCounts? rule) => rule is null ? count : count >= rule.K ? count : null;
}

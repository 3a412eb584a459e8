using SceneMonitor.Analysis.Projection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Geometries;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Api.Features.Displacement;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Analyses;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Emerging;

/// <summary>The body of POST /api/emerging and POST /api/emerging/frames: a study area, [from, to)
/// cut into <c>periods</c> equal periods or into calendar weeks or months (<c>interval</c>), the
/// grid, and for the analysis the neighbourhood (<c>band</c>, <c>timeLag</c>) and FDR.</summary>
public sealed record EmergingRequest(JsonElement? Area, List<string>? Categories, DateTimeOffset? From, DateTimeOffset? To,
    int? Periods, double? CellSize, string? Grid, double? Band, bool? Fdr, string? Interval, int? TimeLag);

/// <summary>A validated request, read on the caller's view.</summary>
public sealed record EmergingQuery(Geometry Study, string? Label, List<string> Categories, DateTimeOffset[] Bounds, string? Interval,
    GridKind Kind, string Grid, double CellSize, double Band, bool Fdr, int TimeLag, ObservationView View)
{
    public const int MaxCells = 20_000;
    public const int MaxCalendarPeriods = 104; // two years of weeks
    public const int MaxTimeLag = 4;

    public int PeriodCount => Bounds.Length - 1;

    public IReadOnlyList<Period> Periods => Bounds.Zip(Bounds.Skip(1), (a, b) => new Period(a, b)).ToList();

    public static async Task<(EmergingQuery? Query, ProblemHttpResult? Problem)> ParseAsync(
        HttpRequest request, DisplacementRequestParser areas, Privacy privacy, CancellationToken ct)
    {
        var (r, problem) = await JsonBody.ReadAsync<EmergingRequest>(request, ct);
        if (problem is not null) return (null, problem);
        var view = privacy.ViewFor(request.HttpContext.User);
        var errors = new Dictionary<string, string[]>();
        if (r!.Interval is { } interval && !PeriodBounds.Intervals.Contains(interval)) errors["interval"] = ["must be week or month"];
        if (r.Interval is not null && r.Periods is not null) errors["periods"] = ["give either periods (equal periods) or interval (calendar weeks or months), not both"];
        var periods = r.Periods ?? 6;
        if (r.Interval is null && periods is < 3 or > 36) errors["periods"] = ["must be between 3 and 36"];
        var timeLag = r.TimeLag ?? EmergingHotspots.DefaultTimeLag;
        if (timeLag is < 0 or > MaxTimeLag) errors["timeLag"] = [$"must be between 0 (spatial neighbours only) and {MaxTimeLag} earlier periods"];
        var cellSize = DisplacementRequestParser.CellSize(r.CellSize, view, errors);
        var grid = r.Grid ?? "hex";
        if (grid is not ("hex" or "square")) errors["grid"] = ["must be hex or square"];
        if (r.Band is { } band && (!double.IsFinite(band) || band <= 0 || band > 10_000)) errors["band"] = ["must be a distance in metres, above 0 and at most 10000"];
        if (r.From is null) errors["from"] = ["is required (ISO 8601)"];
        if (r.To is null) errors["to"] = ["is required (ISO 8601)"];
        else if (r.From is not null && r.To <= r.From) errors["to"] = ["must be after from"];

        DateTimeOffset[] bounds = [];
        if (errors.Count == 0)
        {
            if (view.AggregatesOnly && privacy.Granularity.CheckPeriod(r.From, r.To) is { } v) errors[v.Field] = [v.Message];
            else if (r.Interval is null && view.AggregatesOnly && Math.Round((r.To!.Value - r.From!.Value).TotalDays) % periods != 0)
                errors["periods"] = [$"for planners each period is a whole number of days: {Math.Round((r.To.Value - r.From.Value).TotalDays)} days do not divide into {periods} periods"];
            else bounds = r.Interval is null ? PeriodBounds.Equal(r.From!.Value, r.To!.Value, periods) : PeriodBounds.Calendar(r.From!.Value, r.To!.Value, r.Interval, privacy.Granularity);
            if (r.Interval is not null && bounds.Length - 1 is < 3 or > MaxCalendarPeriods)
                errors["to"] = [$"[from, to) covers {bounds.Length - 1} {r.Interval}s; between 3 and {MaxCalendarPeriods} are needed"];
        }

        var (study, label) = await areas.StudyAreaAsync(r.Area, errors, ct, view);
        if (study is not null && errors.Count == 0)
        {
            var m2 = study.Area * 111_320 * 70_000;
            if (m2 / (cellSize * cellSize * (grid == "hex" ? 2.598 : 1)) > MaxCells)
                errors["cellSize"] = [$"the area would need more than {MaxCells} cells; use larger cells or a smaller area"];
        }
        if (errors.Count > 0) return (null, Problems.Invalid(errors, "The analysis request is invalid."));

        var kind = grid == "square" ? GridKind.Square : GridKind.Hexagon;
        return (new EmergingQuery(study!, label, (r.Categories ?? []).Distinct().Order().ToList(), bounds, r.Interval, kind, grid, cellSize,
            r.Band ?? CellGrid.Create(kind, cellSize).AdjacencyBand, r.Fdr ?? false, timeLag, view), null);
    }

    /// <summary>What the audit line records (the area's geometry and every choice that shaped the answer).</summary>
    public object Audit(string kind) => new
    {
        kind, view = View.Level, area = Label, areaGeometry = Study.AsText(), categories = Categories, from = Bounds[0], to = Bounds[^1],
        periods = PeriodCount, interval = Interval, cellSize = CellSize, grid = Grid, band = Band, fdr = Fdr, timeLag = TimeLag,
    };

    public Task<List<EmergingData.Cell>> LoadAsync(EmergingData data, CancellationToken ct) =>
        data.LoadAsync(Study, Categories, Bounds, Kind, CellSize, View, ct);

    /// <summary>The parameters as the result states them; from and to are the periods' outer bounds
    /// (calendar periods widen the request to whole weeks or months).</summary>
    public JsonObject Parameters() => new()
    {
        ["area"] = Label, ["categories"] = new JsonArray(Categories.Select(c => (JsonNode)c).ToArray()),
        ["view"] = View.Level, ["from"] = Bounds[0], ["to"] = Bounds[^1], ["periods"] = PeriodCount, ["interval"] = Interval ?? "equal",
        ["cellSize"] = CellSize, ["grid"] = Grid, ["band"] = Math.Round(Band, 3), ["fdr"] = Fdr,
        ["timeLag"] = TimeLag,
        ["neighbourhood"] = TimeLag == 0
            ? $"spatial: the cell and the cells within {Math.Round(Band)} m, in the same period"
            : $"space-time: the cell and the cells within {Math.Round(Band)} m, in the same period and in the {TimeLag} period(s) before it (sfdep k = {TimeLag})",
        ["crs"] = $"{MetricProjection.ForEpsg(View.Srid).Label} for all distances",
    };
}

using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Api.Features.Exports;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Aggregates;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.Data;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Aggregates;

/// <summary>Aggregated downloads: counts per grid cell or per area, in total and per category
/// (count_&lt;category&gt;), as GeoJSON polygons or CSV (format=csv), for every role including
/// planners, named after the filter and date. Counts from 1 to k − 1 are suppressed for everyone
/// (k = Privacy:MinCount), since these are the files that leave the tool; a cell or area with a
/// small category publishes its total and no category (see <see cref="AggregateCounts"/>). Counting runs on the reader's view of
/// the data (coarsened for analysts and planners), so no cell size or filter reveals more than that
/// view. Each download is written to the audit log as an export.</summary>
public static class AggregateEndpoints
{
    public const double MaxCellSize = 5000;

    public static IEndpointRouteBuilder MapAggregateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/aggregates").WithTags("Aggregates").RequireAuthorization(Policies.Read);
        group.MapGet("/grid", Grid).WithQuery(FilterParser.Parameters, [ExportFile.FormatParameter,
                OpenApiQuery.Number("cellSize", "Cell size in metres (default 150)."), OpenApiQuery.Text("grid", "hex (default) or square.")])
            .WithSummary("Observation counts (total and per category) per hexagon (grid=hex, default) or square cell of cellSize metres (default 150) as Polygon features, or format=csv; same filters as /api/observations; cells with fewer than k observations left out.");
        group.MapGet("/areas", Areas).WithQuery(FilterParser.Parameters, [ExportFile.FormatParameter,
                OpenApiQuery.Text("kind", "municipality (default), neighbourhood or custom.")])
            .WithSummary("Observation counts (total and per category) per area of a kind (municipality, default; neighbourhood; custom) as features, or format=csv; counts from 1 to k − 1 are null with suppressed = true.");
        return app;
    }

    private static async Task<Results<GeoJsonResult, CsvResult, ProblemHttpResult>> Grid(
        HttpContext http, AggregateStore store, SceneMonitorDb ef, Privacy privacy, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var q = http.Request.Query;
        var (format, formatProblem) = ExportFile.Format(q);
        if (formatProblem is not null) return formatProblem;
        var (filter, problem) = FilterParser.Parse(q);
        if ((problem ?? privacy.CheckPlanner(http.User, filter!)) is { } refused) return refused;
        var minSize = Math.Max(50, privacy.Settings.GridMetres);
        var cellSize = 150.0;
        if (q.TryGetValue("cellSize", out var sizeText) &&
            (!double.TryParse(sizeText, NumberStyles.Float, CultureInfo.InvariantCulture, out cellSize) || !double.IsFinite(cellSize) || cellSize < minSize || cellSize > MaxCellSize))
            return Problems.BadRequest("cellSize", $"must be a number of metres from {minSize} to {MaxCellSize}");
        var kind = q["grid"].FirstOrDefault() ?? "hex";
        if (kind is not ("hex" or "square")) return Problems.BadRequest("grid", "must be hex or square");

        var points = await store.PointsAsync(filter!, privacy.ViewFor(http.User), ct);

        var projection = MetricProjection.ForEpsg(privacy.Settings.Srid);
        var grid = CellGrid.Create(kind == "hex" ? GridKind.Hexagon : GridKind.Square, cellSize);
        var cells = new Dictionary<CellKey, AggregateCounts>();
        foreach (var (lon, lat, quantity, category) in points)
        {
            var key = grid.CellOf(projection.Forward(new LonLat(lon, lat)));
            if (!cells.TryGetValue(key, out var counts)) cells[key] = counts = new AggregateCounts();
            counts.Add(category, 1, quantity);
        }

        var categories = await CategoriesAsync(ef, filter!, ct);
        var features = cells.Where(c => c.Value.Count >= privacy.MinCount).OrderBy(c => c.Key.I).ThenBy(c => c.Key.J).Select(c =>
        {
            var ring = grid.Polygon(c.Key).Select(corner => projection.Inverse(corner)).Select(ll => (ll.Lon, ll.Lat)).ToList();
            var (json, wkt) = AggregateOutput.Polygon(ring);
            var centre = projection.Inverse(grid.Centre(c.Key));
            var (count, quantity, byCategory) = c.Value.Published(categories, privacy.Counts);
            return new AggregateFeature(c.Key.ToString(), [("i", c.Key.I), ("j", c.Key.J)], json, wkt, Math.Round(centre.Lon, 7), Math.Round(centre.Lat, 7),
                count, quantity, false, byCategory);
        }).ToList();
        await audit.WriteAsync(http, AuditActions.Export, new { kind = "grid", grid = kind, cellSize, format = ExportFile.Extension(format), filter = Auditor.Query(http.Request) }, features.Count, ct);

        var name = ExportFile.Name("grid", filter!, await AreaNameAsync(ef, filter!, ct), format, clock.GetUtcNow(), $"{kind}{cellSize:0}m");
        var result = AggregateOutput.Write(format, name, features, categories, [("grid", kind), ("cellSize", cellSize), ("minCount", privacy.MinCount)]);
        return Typed(http, result, name);
    }

    private static async Task<Results<GeoJsonResult, CsvResult, ProblemHttpResult>> Areas(
        HttpContext http, AggregateStore store, SceneMonitorDb ef, Privacy privacy, Auditor audit, TimeProvider clock, CancellationToken ct)
    {
        var q = http.Request.Query;
        var (format, formatProblem) = ExportFile.Format(q);
        if (formatProblem is not null) return formatProblem;
        var (filter, problem) = FilterParser.Parse(q);
        if ((problem ?? privacy.CheckPlanner(http.User, filter!)) is { } refused) return refused;
        var kind = AreaKind.Municipality;
        if (q.TryGetValue("kind", out var kindText) && (!Enum.TryParse(kindText, ignoreCase: true, out kind) || kind == AreaKind.Region))
            return Problems.BadRequest("kind", "must be municipality, neighbourhood or custom");

        var areas = await store.AreasAsync(filter!, privacy.ViewFor(http.User), kind, ct);
        await audit.WriteAsync(http, AuditActions.Export, new { kind = "areas", areaKind = kind.ToString(), format = ExportFile.Extension(format), filter = Auditor.Query(http.Request) }, areas.Count, ct);

        var categories = await CategoriesAsync(ef, filter!, ct);
        var features = areas.Select(a =>
        {
            var counts = new AggregateCounts();
            foreach (var c in a.Categories) counts.Add(c.Category, c.Count, c.Quantity);
            var (count, quantity, byCategory) = counts.Published(categories, privacy.Counts);
            return new AggregateFeature(a.Id, [("id", a.Id), ("name", a.Name), ("code", a.Code)], a.GeoJson, a.Wkt, Math.Round(a.Lon, 7), Math.Round(a.Lat, 7),
                count, quantity, count is null, byCategory);
        }).ToList();
        var areaKind = JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
        var name = ExportFile.Name($"{areaKind}-counts", filter!, await AreaNameAsync(ef, filter!, ct), format, clock.GetUtcNow());
        var result = AggregateOutput.Write(format, name, features, categories, [("areaKind", areaKind), ("minCount", privacy.MinCount)]);
        return Typed(http, result, name);
    }

    /// <summary>The filter's categories, or every active one, in the legend's order.</summary>
    private static async Task<List<string>> CategoriesAsync(SceneMonitorDb ef, ObservationFilter filter, CancellationToken ct) =>
        await ef.Categories.AsNoTracking().Where(c => filter.Categories.Count == 0 ? c.Active : filter.Categories.Contains(c.Code))
            .OrderBy(c => c.SortOrder).Select(c => c.Code).ToListAsync(ct);

    private static async Task<string?> AreaNameAsync(SceneMonitorDb ef, ObservationFilter filter, CancellationToken ct) =>
        filter.AreaId is { } id ? await ef.Areas.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(ct) : null;

    private static Results<GeoJsonResult, CsvResult, ProblemHttpResult> Typed(HttpContext http, IResult result, string name)
    {
        if (result is CsvResult csv) return csv;
        ExportFile.Attach(http, name);
        return (GeoJsonResult)result;
    }
}

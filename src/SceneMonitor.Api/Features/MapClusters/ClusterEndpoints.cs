using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;
using SceneMonitor.Core.MapClusters;

namespace SceneMonitor.Api.Features.MapClusters;

/// <summary>GET /api/map/clusters: observation counts per square cell of a Web Mercator grid whose
/// cells are about <see cref="MapClusterOptions.CellPixels"/> screen pixels at the requested zoom,
/// so the map never downloads more than a few hundred groups whatever the number of stored rows.
/// Counting runs on the reader's view (coarsened for analysts and planners). Planners get cells
/// located by the cell (its centre and extent, never the members' centroid or bbox: two windows
/// differenced as count × centroid would give the position of the one observation added), of
/// nested sizes, whole cells only, at least k observations, the categories only when none is from 1
/// to k − 1, and periods in whole days (422 otherwise). Every answer is audited (read_aggregates), on the map's own
/// pool like the viewport's point pages: one short INSERT per request.</summary>
public static class ClusterEndpoints
{
    public const double MaxZoom = 22;

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/map/clusters", Handle).WithTags("Map").RequireAuthorization(Policies.Read)
            .WithQuery([OpenApiQuery.Number("zoom", "Map zoom level (required).") with { Required = true },
                OpenApiQuery.Number("cellPixels", "Cell size in screen pixels (default 64)."),
                OpenApiQuery.Text("bbox", "minLon,minLat,maxLon,maxLat of the map view (required).") with { Required = true }], FilterParser.Parameters)
            .WithSummary("Observation counts per grid cell of about cellPixels (default 64) screen pixels at zoom, within bbox (required), with counts per category, the weighted centroid and the members' bbox; same filters as /api/observations. 'points' tells the page whether to load this view's points instead (total ≤ pointThreshold, and zoom ≥ 14 or total ≤ 300; never for planners). Planners: cells located by their centre and extent, cells below k left out, categories only when none is below k (else pooled), from/to at midnight (422 otherwise), total = sum of the cells shown.");
        return app;
    }

    private static async Task<Results<Ok<ClusterResponse>, ProblemHttpResult>> Handle(
        HttpContext http, [FromKeyedServices(MapReads.Key)] ClusterStore store, [FromKeyedServices(MapReads.Key)] Auditor audit,
        Privacy privacy, IOptions<MapClusterOptions> options, CancellationToken ct)
    {
        var q = http.Request.Query;
        var settings = options.Value;
        if (!q.ContainsKey("bbox")) return Problems.BadRequest("bbox", "is required: minLon,minLat,maxLon,maxLat of the map view");
        if (!TryNumber(q, "zoom", out var zoom) || zoom < 0 || zoom > MaxZoom)
            return Problems.BadRequest("zoom", $"is required: the map zoom level, a number from 0 to {MaxZoom}");
        var pixels = (double)settings.CellPixels;
        if (q.ContainsKey("cellPixels") && (!TryNumber(q, "cellPixels", out pixels) || pixels < 8 || pixels > 512))
            return Problems.BadRequest("cellPixels", "must be a number of screen pixels from 8 to 512");
        var (filter, problem) = FilterParser.Parse(q);
        if (problem is not null) return problem;

        var planner = http.User.IsPlanner();
        if (planner && privacy.Granularity.CheckPeriod(filter!.From, filter.To) is { } tooFine) return Privacy.Refuse(tooFine)!;
        var bbox = filter!.Bbox!;
        var cell = WebMercator.MetresPerPixel(zoom) * pixels;
        if (planner)
        {
            // A planner's cell never undercuts the privacy grid (in true metres on the ground), and is
            // one of the nested power-of-two sizes: cells of freely chosen sizes overlap, and two
            // overlapping cells differenced give the count of a thin strip.
            cell = ClusterQuery.NestedSize(Math.Max(cell, privacy.Settings.GridMetres / Math.Cos((bbox[1] + bbox[3]) / 2 * Math.PI / 180)));
            // Whole cells only: a bbox edge through a cell would count part of it, and moving the edge
            // between two requests would count a strip. So the bbox only chooses cells, not the
            // counted area, and needs no minimum area.
            bbox = ClusterQuery.WholeCells(bbox, cell);
            filter = filter with { Bbox = bbox };
        }
        var spanned = (WebMercator.X(bbox[2]) - WebMercator.X(bbox[0])) / cell * ((WebMercator.Y(bbox[3]) - WebMercator.Y(bbox[1])) / cell);
        if (spanned > settings.MaxGridCells)
            return Problems.BadRequest("bbox", string.Create(CultureInfo.InvariantCulture,
                $"spans about {spanned:N0} cells at zoom {zoom}; at most {settings.MaxGridCells:N0}: zoom out or shrink the bbox"));

        var groups = await store.GroupsAsync(filter, privacy.ViewFor(http.User), cell, ct);
        var cells = ClusterQuery.Merge(groups, cell, planner ? privacy.Counts : null);
        var hidden = groups.Select(g => (g.I, g.J)).Distinct().Count() - cells.Count;
        var total = cells.Sum(c => c.Count);
        var points = !planner && total <= settings.PointThreshold && (zoom >= settings.PointsFromZoom || total <= settings.FewPoints);
        var response = new ClusterResponse(zoom, Math.Round(cell, 3), total, settings.PointThreshold,
            planner ? privacy.MinCount : null, hidden, cells, points, settings.PointsFromZoom);
        await AuditAsync(http, audit, cell, response, ct);
        return TypedResults.Ok(response);
    }

    /// <summary>One line per answer with its filter and cell size (no points leave, so the row count
    /// is the number of cells), on the map's pool like the rest of the request.</summary>
    private static Task AuditAsync(HttpContext http, Auditor audit, double cell, ClusterResponse response, CancellationToken ct) =>
        audit.WriteAsync(http, AuditActions.ReadAggregates, new { kind = "clusters", zoom = response.Zoom, cellSize = Math.Round(cell, 3), filter = Auditor.Query(http.Request) }, response.Cells.Count, ct);

    private static bool TryNumber(IQueryCollection q, string name, out double value) =>
        double.TryParse(q[name].FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

/// <param name="Total">Observations in the cells shown: the sum of their counts, never more (for
/// planners, hidden cells are not in it, so it cannot be used to recover them).</param>
/// <param name="MinCount">k for planners (cells below it are left out); null for roles that see every count.</param>
/// <param name="HiddenCells">How many cells were left out for having fewer than k observations.</param>
/// <param name="Points">Whether the page should load this view's points instead of drawing the
/// cells: never for planners; else at most pointThreshold observations, and from zoom
/// PointsFromZoom on or at most FewPoints (<see cref="MapClusterOptions"/>).</param>
/// <param name="PointsFromZoom">The zoom from which a view of at most pointThreshold observations is
/// drawn as points: a page zooming into this answer's area knows, without asking again, that the
/// smaller view will be points (its count cannot be higher). A setting, not data.</param>
public sealed record ClusterResponse(double Zoom, double CellSize, int Total, int PointThreshold, int? MinCount, int HiddenCells, IReadOnlyList<ClusterCell> Cells, bool Points, double PointsFromZoom);

/// <param name="Id">"i:j", the cell's indices in the Web Mercator grid of this cell size.</param>
/// <param name="Lon">Centroid of the members (each observation weighs one), as the reader sees them; for planners the cell's centre.</param>
/// <param name="Bbox">minLon, minLat, maxLon, maxLat of the members; for planners the cell's extent.</param>
/// <param name="Categories">Count per category code; for planners empty when any category of the cell is from 1 to k − 1.</param>
/// <param name="Pooled">Planners: observations whose category is not told (the whole count when categories are hidden, else 0).</param>
public sealed record ClusterCell(string Id, int Count, double Lon, double Lat, double[] Bbox, IReadOnlyDictionary<string, int> Categories, int? Pooled);

using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;
using SceneMonitor.Core.Audit;

namespace SceneMonitor.Api.Features.MapClusters;

/// <summary>GET /api/map/clusters: observation counts per square cell of a Web Mercator grid whose
/// cells are about <see cref="MapClusterOptions.CellPixels"/> screen pixels at the requested zoom,
/// so the map never downloads more than a few hundred groups whatever the number of stored rows.
/// Counting runs on the reader's view (coarsened for analysts and planners). Planners get only
/// cells of at least k observations, per-category counts below k pooled, and the cell's extent
/// instead of its members' bounding box. Every answer is audited (read_aggregates), on the map's own
/// pool like the viewport's point pages: one short INSERT per request.</summary>
public static class ClusterEndpoints
{
    public const double MaxZoom = 22;

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/map/clusters", Handle).WithTags("Map").RequireAuthorization(Policies.Read)
            .WithSummary("Observation counts per grid cell of about cellPixels (default 64) screen pixels at zoom, within bbox (required), with counts per category, the weighted centroid and the members' bbox; same filters as /api/observations. 'total' and 'pointThreshold' tell the page whether to load points instead. Planners: cells below k left out.");
        return app;
    }

    private static async Task<Results<Ok<ClusterResponse>, ProblemHttpResult>> Handle(
        HttpContext http, [FromKeyedServices(MapReads.Key)] NpgsqlDataSource db, [FromKeyedServices(MapReads.Key)] Auditor audit,
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
        var bbox = filter!.Bbox!;
        var cell = WebMercator.MetresPerPixel(zoom) * pixels;
        // A planner's cell never undercuts the privacy grid (in true metres on the ground).
        if (planner) cell = Math.Max(cell, privacy.Settings.GridMetres / Math.Cos((bbox[1] + bbox[3]) / 2 * Math.PI / 180));
        var spanned = (WebMercator.X(bbox[2]) - WebMercator.X(bbox[0])) / cell * ((WebMercator.Y(bbox[3]) - WebMercator.Y(bbox[1])) / cell);
        if (spanned > settings.MaxGridCells)
            return Problems.BadRequest("bbox", string.Create(CultureInfo.InvariantCulture,
                $"spans about {spanned:N0} cells at zoom {zoom}; at most {settings.MaxGridCells:N0}: zoom out or shrink the bbox"));

        var groups = await ClusterQuery.RunAsync(db, filter, privacy.ViewFor(http.User), cell, ct);
        var minCount = planner ? privacy.MinCount : 1;
        var cells = ClusterQuery.Merge(groups, cell, minCount, planner);
        var hidden = groups.Select(g => (g.I, g.J)).Distinct().Count() - cells.Count;
        await audit.WriteAsync(http, AuditActions.ReadAggregates, new { kind = "clusters", zoom, cellSize = Math.Round(cell, 3), filter = Auditor.Query(http.Request) }, cells.Count, ct);
        return TypedResults.Ok(new ClusterResponse(zoom, Math.Round(cell, 3), cells.Sum(c => c.Count), settings.PointThreshold,
            planner ? privacy.MinCount : null, hidden, cells));
    }

    private static bool TryNumber(IQueryCollection q, string name, out double value) =>
        double.TryParse(q[name].FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

/// <param name="Total">Observations in the cells shown (for planners: without the hidden cells).</param>
/// <param name="MinCount">k for planners (cells below it are left out); null for roles that see every count.</param>
/// <param name="HiddenCells">How many cells were left out for having fewer than k observations.</param>
public sealed record ClusterResponse(double Zoom, double CellSize, int Total, int PointThreshold, int? MinCount, int HiddenCells, IReadOnlyList<ClusterCell> Cells);

/// <param name="Id">"i:j", the cell's indices in the Web Mercator grid of this cell size.</param>
/// <param name="Lon">Centroid of the members (each observation weighs one), as the reader sees them.</param>
/// <param name="Bbox">minLon, minLat, maxLon, maxLat of the members; for planners the cell's extent.</param>
/// <param name="Categories">Count per category code; for planners only those of at least k.</param>
/// <param name="Pooled">Planners: observations of categories with fewer than k in this cell (category not told).</param>
public sealed record ClusterCell(string Id, int Count, double Lon, double Lat, double[] Bbox, IReadOnlyDictionary<string, int> Categories, int? Pooled);

using System.Text.Json;
using SceneMonitor.Analysis.Centrography;
using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Api.Features.Displacement;
using DisplacementResult = SceneMonitor.Analysis.Displacement.DisplacementResult;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>
/// POST /api/analysis/displacement (Gi* with 999 conditional permutations and FDR unless told otherwise;
/// each cell's change tested, vectors between cells that lost and gained significantly): the two-period displacement analysis of the caller's own points
/// (<see cref="DisplacementAnalysis.Run"/>, the same analysis as for stored data, presented by the same
/// <see cref="DisplacementPresenter"/>): grid cells with counts, Gi* and change class, vectors from
/// clusters of significantly decreased to significantly increased cells, ellipses and centre shift, and with a target (and control)
/// polygon the counts and areas per zone, WDQ per ring and the WDD (control counts scaled by area).
/// Geometries are in the request's coordinates (lon/lat for srid 4326); distances are metres,
/// bearings degrees clockwise from grid north. Without band or k, Gi* neighbours are the adjacent cells.
/// </summary>
public static class DisplacementEndpoint
{
    public sealed record Request(JsonElement? Before, JsonElement? After, JsonElement? Target, JsonElement? Control,
        double[]? Rings, double? CellSize, string? Grid, double? Band, int? K, bool? Fdr, double? MaxLinkDistance, int? Srid,
        int? Permutations = null, int? Seed = null);

    public sealed record CentreShiftResponse(double[]? From, double[]? To, double? Distance, double? Bearing, string? Note);

    public sealed record CountsPair(double Before, double After);

    public sealed record RingCounts(double Inner, double Outer, double Before, double After);

    public sealed record CountsResponse(CountsPair Target, IReadOnlyList<RingCounts> Rings, CountsPair? Control, AreaSizes? Areas);

    public sealed record WdqRingResponse(double Inner, double Outer, double? SuccessMeasure, double? BufferDisplacementMeasure, double? Wdq,
        double? TotalNetEffect, double? GrossEffect, double? NetEffect, string InterpretationCode, string Interpretation, string? Reason);

    public sealed record WdqResponse(WdqRingResponse AllRings, IReadOnlyList<WdqRingResponse> Rings);

    public sealed record Response(object Cells, object Vectors, object Ellipses, CentreShiftResponse CentreShift,
        CountsResponse? Counts, WdqResponse? Wdq, WddEndpoint.Response? Wdd, int MetricSrid, IReadOnlyList<string> Notes,
        CellChangeSummary? CellChange, GiSummary? Gi);

    private const double MaxDistance = 50_000;

    public static Task<IResult> Handle(HttpRequest http, CancellationToken ct) => AnalysisRequest.Run<Request>(http, ct, Validate);

    private static Func<IResult> Validate(Request request, FieldErrors errors)
    {
        int srid = Projected.Srid(request.Srid, errors);
        bool lonLat = Projected.IsLonLat(srid);
        var before = GeoJsonFeatures.ReadPoints(request.Before, "before", lonLat, errors);
        var after = GeoJsonFeatures.ReadPoints(request.After, "after", lonLat, errors);
        var target = GeoJsonFeatures.ReadPolygon(request.Target, "target", lonLat, errors);
        var control = GeoJsonFeatures.ReadPolygon(request.Control, "control", lonLat, errors);
        var rings = ReadRings(request.Rings, errors);
        double cellSize = errors.Number(request.CellSize ?? 150, "cellSize", 1, 5_000, "a cell size in metres");
        string gridName = request.Grid ?? "hex";
        if (gridName is not ("hex" or "square")) errors.Add("grid", "must be \"hex\" or \"square\"");
        var neighbourhood = NeighbourhoodInput.Read(request.Band, request.K, required: false, errors);
        double maxLink = errors.Number(request.MaxLinkDistance ?? DisplacementVectors.DefaultMaxDistance, "maxLinkDistance", 1, MaxDistance,
            "a distance in metres");
        if (errors.Any) return errors.ToResult; // not run: AnalysisRequest answers with the errors first

        var coordinates = before.Concat(after).Select(p => (p.X, p.Y))
            .Concat((target ?? []).Concat(control ?? []).SelectMany(r => r));
        var projection = Projected.For(srid, coordinates);
        var grid = CellGrid.Create(gridName == "square" ? GridKind.Square : GridKind.Hexagon, cellSize);
        var input = new DisplacementInput(Projected.Points(projection, before), Projected.Points(projection, after))
        {
            GridKind = grid.Kind, CellSize = cellSize, Neighbourhood = neighbourhood, FalseDiscoveryRate = request.Fdr ?? true, Seed = request.Seed ?? 1,
            Target = Polygon(projection, target), Control = Polygon(projection, control), RingDistances = rings, MaxLinkDistance = maxLink,
        };
        double pairs = NeighbourPairs([.. input.PeriodA, .. input.PeriodB], grid, neighbourhood);
        if (pairs > AnalysisLimits.MaxNeighbourPairs)
            errors.Add(request.K is null ? "band" : "k",
                $"would make about {pairs:0} neighbour pairs over the grid (limit {AnalysisLimits.MaxNeighbourPairs}): use a smaller band or k, or larger cells");
        input = input with { GiPermutations = NeighbourhoodInput.Permutations(request.Permutations, pairs, 2, errors) };
        return () => Compute(projection, rings, DisplacementAnalysis.Run(input));
    }

    private static double[] ReadRings(double[]? rings, FieldErrors errors)
    {
        if (rings is null) return [250, 500];
        if (rings.Length > AnalysisLimits.MaxRings) errors.Add("rings", $"must hold at most {AnalysisLimits.MaxRings} distances");
        for (int k = 0; k < rings.Length; k++)
        {
            if (!double.IsFinite(rings[k]) || rings[k] <= 0 || rings[k] > MaxDistance)
                errors.Add($"rings[{k}]", $"must be a distance in metres above 0 and at most {MaxDistance}");
            else if (k > 0 && rings[k] <= rings[k - 1])
                errors.Add($"rings[{k}]", "ring distances must increase (outer edges of 0–r1, r1–r2, …)");
        }
        return rings;
    }

    private static PlanarPolygon? Polygon(MetricProjection projection, List<IReadOnlyList<(double X, double Y)>>? rings) =>
        rings is null ? null : new PlanarPolygon(rings
            .Select(r => (IReadOnlyList<PlanarPoint>)r.Select(c => projection.Forward(new LonLat(c.X, c.Y))).ToArray()).ToArray());

    // Gi* neighbour pairs, estimated as the analysis will meet them: the cells over the bounding box
    // (or one per point when DisplacementAnalysis falls back to occupied cells) times the neighbours per cell.
    private static double NeighbourPairs(PlanarPoint[] points, CellGrid grid, Neighbourhood? neighbourhood)
    {
        if (points.Length == 0) return 0;
        double width = points.Max(p => p.X) - points.Min(p => p.X), height = points.Max(p => p.Y) - points.Min(p => p.Y);
        double cells = (width / grid.Size + 3) * (height / grid.Size + 3);
        if (cells > DisplacementAnalysis.MaxCells) cells = points.Length;
        double cellArea = grid.Kind == GridKind.Hexagon ? 1.5 * Math.Sqrt(3) * grid.Size * grid.Size : grid.Size * grid.Size;
        double perCell = neighbourhood switch
        {
            KNearest k => k.K,
            DistanceBand band => Math.PI * band.Metres * band.Metres / cellArea + 1,
            _ => 9,
        };
        return cells * perCell;
    }

    private static IResult Compute(MetricProjection projection, double[] rings, DisplacementResult result)
    {
        var present = new DisplacementPresenter(projection, 7, rounded: false);
        var shift = result.CentreShift;
        return TypedResults.Ok(new Response(present.Cells(result), present.Vectors(result), present.Ellipses(result),
            new CentreShiftResponse(shift.From is { } from ? Projected.Output(projection, from) : null,
                shift.To is { } to ? Projected.Output(projection, to) : null, shift.DistanceMetres, shift.BearingDegrees, shift.Note),
            Counts(result, rings), Wdq(result.Wdq, rings), result.Wdd is { } wdd ? WddEndpoint.ToResponse(wdd) : null,
            projection.Srid, DisplacementPresenter.Notes(result), present.CellChangeSummary(result), DisplacementPresenter.GiSummary(result)));
    }

    private static CountsResponse? Counts(DisplacementResult result, double[] rings) => result.Counts is not { } counts ? null : new CountsResponse(
        Pair(counts.Target), counts.Rings.Select((r, k) => new RingCounts(Inner(rings, k), rings[k], r.Before, r.After)).ToArray(),
        counts.Control is { } c ? Pair(c) : null, result.Areas);

    // The WDQ exists only with at least one ring (DisplacementAnalysis), one result per ring distance.
    private static WdqResponse? Wdq(WdqRingsResult? wdq, double[] rings) => wdq is null ? null : new WdqResponse(
        Ring(0, rings[^1], wdq.AllRings), wdq.Rings.Select((r, k) => Ring(Inner(rings, k), rings[k], r)).ToArray());

    private static WdqRingResponse Ring(double inner, double outer, WdqResult r) => new(inner, outer, r.SuccessMeasure,
        r.BufferDisplacementMeasure, r.Wdq, r.TotalNetEffect, r.GrossEffect, r.NetEffect,
        DisplacementPresenter.InterpretationCode(r.InterpretationCode), r.Interpretation, r.Reason);

    private static double Inner(double[] rings, int k) => k == 0 ? 0 : rings[k - 1];

    private static CountsPair Pair(BeforeAfter counts) => new(counts.Before, counts.After);

}

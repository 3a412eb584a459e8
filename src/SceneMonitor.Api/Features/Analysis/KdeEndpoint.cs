using System.Text.Json;
using SceneMonitor.Analysis.Density;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Api.Infrastructure;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>
/// POST /api/analysis/kde: quartic kernel density of point features on square cells
/// (application/geo+json FeatureCollection of the cells with a non-zero value). Properties:
/// density in events per km²; with a second collection "compare" (period B) also densityB and
/// difference = B's share − A's share of the cell (each surface divided by its total).
/// </summary>
public static class KdeEndpoint
{
    public sealed record Request(JsonElement? Features, JsonElement? Compare, double? Bandwidth, double? CellSize, int? Srid);

    private const double PerSquareKilometre = 1e6;

    public static Task<IResult> Handle(HttpRequest http, CancellationToken ct) => AnalysisRequest.Run<Request>(http, ct, Validate);

    private static Func<IResult> Validate(Request request, FieldErrors errors)
    {
        int srid = Projected.Srid(request.Srid, errors);
        var a = GeoJsonFeatures.ReadPoints(request.Features, "features", Projected.IsLonLat(srid), errors);
        var b = request.Compare is null ? null : GeoJsonFeatures.ReadPoints(request.Compare, "compare", Projected.IsLonLat(srid), errors);
        double bandwidth = errors.Number(request.Bandwidth, "bandwidth", 1, 20_000, "a bandwidth in metres");
        double cellSize = errors.Number(request.CellSize, "cellSize", 1, 5_000, "a cell size in metres");
        if (errors.Any) return errors.ToResult; // not run: AnalysisRequest answers with the errors first

        var projection = Projected.For(srid, a.Concat(b ?? []));
        var pointsA = Projected.Points(projection, a);
        var pointsB = b is null ? null : Projected.Points(projection, b);
        double cells = QuarticKde.CellCount([.. pointsA, .. pointsB ?? []], bandwidth, cellSize);
        if (cells > AnalysisLimits.MaxKdeCells)
            errors.Add("cellSize", $"the raster would have {cells:0} cells; the limit is {AnalysisLimits.MaxKdeCells}: use a larger cellSize or fewer, closer points");
        return () => Compute(projection, pointsA, pointsB, bandwidth, cellSize);
    }

    private static IResult Compute(MetricProjection projection, PlanarPoint[] pointsA, PlanarPoint[]? pointsB, double bandwidth, double cellSize)
    {
        if (pointsB is null)
        {
            var single = QuarticKde.Estimate(pointsA, bandwidth, cellSize);
            return Collection(projection, bandwidth, cellSize, single.Note, single.Density, (w, k) => w.WriteNumber("density", single.Density!.Values[k] * PerSquareKilometre));
        }
        var dual = QuarticKde.Dual(pointsA, pointsB, bandwidth, cellSize);
        var (ra, rb, diff) = (dual.A.Density, dual.B.Density, dual.NormalisedDifference);
        return Collection(projection, bandwidth, cellSize, dual.Note, diff, (w, k) =>
        {
            w.WriteNumber("density", ra!.Values[k] * PerSquareKilometre);
            w.WriteNumber("densityB", rb!.Values[k] * PerSquareKilometre);
            w.WriteNumber("difference", diff!.Values[k]);
        }, ra, rb);
    }

    // Streams the cells where any of the given rasters is non-zero.
    private static GeoJsonResult Collection(MetricProjection projection, double bandwidth, double cellSize, string? note,
        DensityRaster? shape, Action<Utf8JsonWriter, int> properties, params DensityRaster?[] nonZero)
    {
        var rasters = nonZero.Length == 0 ? [shape] : nonZero;
        return new GeoJsonResult((w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteNumber("bandwidth", bandwidth);
            w.WriteNumber("cellSize", cellSize);
            w.WriteNumber("metricSrid", projection.Srid);
            if (note is null) w.WriteNull("note"); else w.WriteString("note", note);
            w.WriteStartArray("features");
            if (shape is not null)
            {
                for (int row = 0; row < shape.Rows; row++)
                for (int column = 0; column < shape.Columns; column++)
                {
                    int k = row * shape.Columns + column;
                    if (rasters.All(r => r is null || r.Values[k] == 0)) continue;
                    WriteCell(w, projection, shape, column, row, k, properties);
                }
            }
            w.WriteEndArray();
            w.WriteEndObject();
            return Task.CompletedTask;
        });
    }

    private static void WriteCell(Utf8JsonWriter w, MetricProjection projection, DensityRaster raster, int column, int row, int k,
        Action<Utf8JsonWriter, int> properties)
    {
        double x0 = raster.OriginX + column * raster.CellSize, y0 = raster.OriginY + row * raster.CellSize, s = raster.CellSize;
        PlanarPoint[] ring = [new(x0, y0), new(x0 + s, y0), new(x0 + s, y0 + s), new(x0, y0 + s), new(x0, y0)];
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteStartObject("geometry");
        w.WriteString("type", "Polygon");
        w.WriteStartArray("coordinates");
        w.WriteStartArray();
        foreach (var p in ring)
        {
            var c = Projected.Output(projection, p);
            w.WriteStartArray();
            w.WriteNumberValue(c[0]);
            w.WriteNumberValue(c[1]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteNumber("column", column);
        w.WriteNumber("row", row);
        properties(w, k);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}

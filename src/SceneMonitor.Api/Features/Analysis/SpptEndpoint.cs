using System.Text.Json;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Sppt;
using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>
/// POST /api/analysis/sppt: Spatial Point Pattern Test of two point sets over areal units.
/// method "resample" (Andresen's test, default) or "diff" (proportion differences, adjusted p;
/// adjust defaults to "BY" as in R sppt's sppt_diff). In the answer, sIndex +1 means the unit's
/// share rose from base to test; for "diff", p is the adjusted p-value that decided and
/// pUnadjusted the unit's own χ² p-value.
/// </summary>
public static class SpptEndpoint
{
    public sealed record Request(JsonElement? Base, JsonElement? Test, JsonElement? Units, string? Method,
        int? Samples, double? Percent, int? Seed, string? Adjust, int? Srid);

    public sealed record UnitResponse(string Id, int BaseCount, int TestCount, double? BasePercent, double? TestPercent,
        double? Low, double? High, int SIndex, double? P, double? PUnadjusted);

    public sealed record Response(double? GlobalS, double? RobustS, string Method, IReadOnlyList<UnitResponse> Units, string? Note);

    private static readonly Dictionary<string, PAdjustMethod> Adjustments = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = PAdjustMethod.None, ["BH"] = PAdjustMethod.BenjaminiHochberg, ["BY"] = PAdjustMethod.BenjaminiYekutieli,
    };

    public static Task<IResult> Handle(HttpRequest http, CancellationToken ct) => AnalysisRequest.Run<Request>(http, ct, Validate);

    private static Func<IResult> Validate(Request request, FieldErrors errors)
    {
        int srid = Projected.Srid(request.Srid, errors);
        var basePoints = GeoJsonFeatures.ReadPoints(request.Base, "base", Projected.IsLonLat(srid), errors);
        var testPoints = GeoJsonFeatures.ReadPoints(request.Test, "test", Projected.IsLonLat(srid), errors);
        var units = GeoJsonFeatures.ReadPolygons(request.Units, "units", Projected.IsLonLat(srid), errors);
        string method = request.Method ?? "resample";
        if (method is not ("resample" or "diff")) errors.Add("method", "must be \"resample\" or \"diff\"");
        int samples = (int)errors.Number(request.Samples ?? 200, "samples", 1, AnalysisLimits.MaxSamples, "a number of samples");
        double percent = errors.Number(request.Percent ?? 85, "percent", 1, 100, "a percentage");
        if (!Adjustments.TryGetValue(request.Adjust ?? "BY", out var adjust)) errors.Add("adjust", "must be \"none\", \"BH\" or \"BY\"");
        return () => Compute(srid, basePoints, testPoints, units, method == "diff", samples, percent, request.Seed ?? 1, adjust);
    }

    private static IResult Compute(int srid, List<InputPoint> basePoints, List<InputPoint> testPoints, List<InputPolygon> units,
        bool diff, int samples, double percent, int seed, PAdjustMethod adjust)
    {
        var coordinates = basePoints.Concat(testPoints).Select(p => (p.X, p.Y)).Concat(units.SelectMany(u => u.Rings.SelectMany(r => r)));
        var projection = Projected.For(srid, coordinates);
        var polygons = units.Select(u => new PlanarPolygon(u.Rings
            .Select(r => (IReadOnlyList<PlanarPoint>)r.Select(c => projection.Forward(new LonLat(c.X, c.Y))).ToArray()).ToArray())).ToArray();
        var counts = SpptCounts.FromPoints(units.Select(u => u.Id).ToArray(), polygons,
            Projected.Points(projection, basePoints), Projected.Points(projection, testPoints));

        var result = diff
            ? SpptProportionDifference.Run(counts, adjust)
            : SpptResampling.Run(counts, samples, percent, seed);
        return TypedResults.Ok(new Response(result.GlobalS, result.RobustS, diff ? "diff" : "resample",
            result.Units.Select(u => new UnitResponse(u.Id, u.BaseCount, u.TestCount, u.BasePercent, u.TestPercent,
                u.Low, u.High, u.SIndex, u.AdjustedP, u.P)).ToArray(),
            result.Note));
    }
}

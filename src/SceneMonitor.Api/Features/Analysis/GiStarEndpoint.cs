using System.Text.Json;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Api.Infrastructure;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>
/// POST /api/analysis/gistar: Getis-Ord Gi* for point features carrying a numeric "value"
/// property, with a distance band in metres ("band") or k nearest neighbours ("k"). Answers the
/// same FeatureCollection (application/geo+json) with gi (z-score), p, bin (−3..3) and, with fdr,
/// pAdjusted added to each feature's properties; a top-level "note" explains degenerate input.
/// p is the folded conditional-permutation pseudo p (permutations, default 999, seed default 1) or,
/// with permutations = 0, the two-sided normal p; top-level pValues, permutations and
/// coldSpotsReachable say which and whether a cold spot could be found at all.
/// </summary>
public static class GiStarEndpoint
{
    public sealed record Request(JsonElement? Features, double? Band, int? K, bool? Fdr, int? Srid, int? Permutations, int? Seed);

    public static Task<IResult> Handle(HttpRequest http, CancellationToken ct) => AnalysisRequest.Run<Request>(http, ct, Validate);

    private static Func<IResult> Validate(Request request, FieldErrors errors)
    {
        int srid = Projected.Srid(request.Srid, errors);
        var points = GeoJsonFeatures.ReadPoints(request.Features, "features", Projected.IsLonLat(srid), errors);
        var values = ReadValues(points, errors);
        var neighbourhood = NeighbourhoodInput.Read(request.Band, request.K, required: true, errors);
        return () =>
        {
            var projection = Projected.For(srid, points);
            var metric = Projected.Points(projection, points);
            if (neighbourhood is DistanceBand band && SpatialWeights.CountBandPairs(metric, band.Metres, AnalysisLimits.MaxNeighbourPairs) > AnalysisLimits.MaxNeighbourPairs)
            {
                errors.Add("band", $"is so wide that it makes more than {AnalysisLimits.MaxNeighbourPairs} neighbour pairs: use a smaller band or k");
                return errors.ToResult();
            }
            long pairs = neighbourhood is KNearest k ? (long)metric.Length * (k.K + 1)
                : SpatialWeights.CountBandPairs(metric, ((DistanceBand)neighbourhood!).Metres, AnalysisLimits.MaxNeighbourPairs);
            int permutations = NeighbourhoodInput.Permutations(request.Permutations, pairs, 1, errors);
            if (errors.Any) return errors.ToResult();
            var result = GetisOrd.GiStar(metric, values, neighbourhood!, request.Fdr ?? false, permutations, request.Seed ?? 1);
            return new GeoJsonResult((w, _) =>
            {
                Write(w, points, result, projection.Srid);
                return Task.CompletedTask;
            });
        };
    }

    private static double[] ReadValues(List<InputPoint> points, FieldErrors errors)
    {
        var values = new double[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            var feature = points[i].Feature;
            if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble()))
                values[i] = value.GetDouble();
            else
                errors.Add($"features.features[{i}].properties.value", "is required: a finite number");
        }
        return values;
    }

    private static void Write(Utf8JsonWriter w, List<InputPoint> points, GiStarResult result, int metricSrid)
    {
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteNumber("metricSrid", metricSrid);
        if (result.Note is null) w.WriteNull("note"); else w.WriteString("note", result.Note);
        w.WriteString("pValues", result.Permutations > 0 ? "permutation" : "normal");
        w.WriteNumber("permutations", result.Permutations);
        w.WriteBoolean("coldSpotsReachable", result.ColdSpotsReachable);
        w.WriteStartArray("features");
        for (int i = 0; i < points.Count; i++)
        {
            var g = result.Values[i];
            w.WriteStartObject();
            foreach (var member in points[i].Feature.EnumerateObject())
            {
                if (member.Name == "properties") continue;
                member.WriteTo(w);
            }
            w.WriteStartObject("properties");
            foreach (var member in points[i].Feature.GetProperty("properties").EnumerateObject())
                if (member.Name is not ("gi" or "p" or "bin" or "pAdjusted" or "giNote")) member.WriteTo(w);
            w.WriteNumber("gi", g.Z);
            w.WriteNumber("p", g.P);
            w.WriteNumber("bin", g.Bin);
            if (g.AdjustedP is { } adjusted) w.WriteNumber("pAdjusted", adjusted);
            if (g.Note is not null) w.WriteString("giNote", g.Note);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}

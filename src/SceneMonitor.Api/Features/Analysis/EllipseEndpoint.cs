using System.Text.Json;
using SceneMonitor.Analysis.Centrography;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>
/// POST /api/analysis/ellipse: mean centre and standard deviational ellipse of point features.
/// Centre and ellipse are GeoJSON geometries in the request's coordinates (lon/lat for srid 4326);
/// sigmaX/sigmaY are metres, rotationDegrees is clockwise from grid north of the long axis.
/// </summary>
public static class EllipseEndpoint
{
    public sealed record Request(JsonElement? Features, int? Srid);

    public sealed record Response(object? Centre, object? Ellipse, double? SigmaX, double? SigmaY, double? RotationDegrees,
        int PointCount, int MetricSrid, string? Note);

    public static Task<IResult> Handle(HttpRequest http, CancellationToken ct) => AnalysisRequest.Run<Request>(http, ct, Validate);

    private static Func<IResult> Validate(Request request, FieldErrors errors)
    {
        int srid = Projected.Srid(request.Srid, errors);
        var points = GeoJsonFeatures.ReadPoints(request.Features, "features", Projected.IsLonLat(srid), errors);
        return () =>
        {
            var projection = Projected.For(srid, points);
            var e = StandardDeviationalEllipse.Of(Projected.Points(projection, points));
            return TypedResults.Ok(new Response(
                e.Centre is { } c ? Projected.Point(projection, c) : null,
                e.Ring is { } ring ? Projected.Polygon(projection, ring) : null,
                e.SigmaX, e.SigmaY, e.RotationDegrees, e.PointCount, projection.Srid, e.Note));
        };
    }
}

using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Api.Features.Analysis;

/// <summary>
/// The request's coordinate system: srid 4326 (default) means lon/lat, projected to Belgian Lambert
/// 2008 or a UTM zone for all distance work; any other SRID is taken as planar metres as given
/// (docs/methods.md, "Projections") and output coordinates are then planar too.
/// </summary>
public static class Projected
{
    public const int LonLat = 4326;

    public static bool IsLonLat(int srid) => srid == LonLat;

    public static int Srid(int? srid, FieldErrors errors)
    {
        int value = srid ?? LonLat;
        if (value <= 0) errors.Add("srid", "must be a positive EPSG code (4326 for lon/lat, else planar metres)");
        return value;
    }

    public static MetricProjection For(int srid, IEnumerable<(double X, double Y)> coordinates) =>
        MetricProjection.ForSrid(srid, coordinates.Select(c => new LonLat(c.X, c.Y)));

    public static MetricProjection For(int srid, IEnumerable<InputPoint> points) => For(srid, points.Select(p => (p.X, p.Y)));

    public static PlanarPoint[] Points(MetricProjection projection, IEnumerable<InputPoint> points) =>
        points.Select(p => projection.Forward(new LonLat(p.X, p.Y))).ToArray();

    /// <summary>A metric point back in the request's coordinates: [lon, lat] or [x, y].</summary>
    public static double[] Output(MetricProjection projection, PlanarPoint point)
    {
        var p = projection.Inverse(point);
        return projection.IsIdentity ? [p.Lon, p.Lat] : [Math.Round(p.Lon, 7), Math.Round(p.Lat, 7)];
    }

    /// <summary>A GeoJSON Polygon geometry object from one closed metric ring.</summary>
    public static object Polygon(MetricProjection projection, IEnumerable<PlanarPoint> ring) =>
        new { type = "Polygon", coordinates = new[] { ring.Select(p => Output(projection, p)).ToArray() } };

    public static object Point(MetricProjection projection, PlanarPoint point) =>
        new { type = "Point", coordinates = Output(projection, point) };
}

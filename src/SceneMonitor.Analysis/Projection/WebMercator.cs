namespace SceneMonitor.Analysis.Projection;

/// <summary>Spherical Web Mercator (EPSG:3857), the projection the map draws in, by formula: cheaper
/// per row than ST_Transform, and exact for this projection.</summary>
public static class WebMercator
{
    public const double Radius = 6378137;
    /// <summary>Metres per pixel at zoom 0 with 256-pixel tiles.</summary>
    public const double Resolution0 = 2 * Math.PI * Radius / 256;

    public static double MetresPerPixel(double zoom) => Resolution0 / Math.Pow(2, zoom);
    public static double X(double lon) => Radius * lon * Math.PI / 180;
    public static double Y(double lat) => Radius * Math.Log(Math.Tan(Math.PI / 4 + lat * Math.PI / 360));
    public static double Lon(double x) => x / Radius * 180 / Math.PI;
    public static double Lat(double y) => (2 * Math.Atan(Math.Exp(y / Radius)) - Math.PI / 2) * 180 / Math.PI;
}

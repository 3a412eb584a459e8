namespace SceneMonitor.Analysis.Geometry;

/// <summary>Small planar helpers shared by several methods (distance and compass bearing).</summary>
public static class Planar
{
    public static double Distance(double x1, double y1, double x2, double y2)
    {
        double dx = x2 - x1, dy = y2 - y1;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    public static double Distance(PlanarPoint a, PlanarPoint b) => Distance(a.X, a.Y, b.X, b.Y);

    /// <summary>
    /// Grid bearing from (x1, y1) to (x2, y2) in degrees, 0 = grid north, clockwise, in [0, 360).
    /// In a conformal projection this differs from the true bearing only by the meridian
    /// convergence (a fraction of a degree in Brussels and Ghent under EPSG:3812).
    /// Returns 0 for identical points (no direction), callers report the distance 0 alongside.
    /// </summary>
    public static double Bearing(double x1, double y1, double x2, double y2)
    {
        double dx = x2 - x1, dy = y2 - y1;
        if (dx == 0 && dy == 0) return 0;
        double degrees = Math.Atan2(dx, dy) * 180.0 / Math.PI;
        return degrees < 0 ? degrees + 360.0 : degrees;
    }
}

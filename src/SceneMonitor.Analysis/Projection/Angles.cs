namespace SceneMonitor.Analysis.Projection;

internal static class Angles
{
    public const double DegToRad = Math.PI / 180.0;

    /// <summary>Degrees, minutes, seconds to decimal degrees (as EPSG states its parameters).</summary>
    public static double Dms(double degrees, double minutes, double seconds) =>
        degrees + minutes / 60.0 + seconds / 3600.0;
}

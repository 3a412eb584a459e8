namespace SceneMonitor.Analysis.Projection;

/// <summary>A reference ellipsoid: semi-major axis a (metres) and flattening f.</summary>
public sealed record Ellipsoid(double SemiMajorAxis, double Flattening)
{
    /// <summary>GRS80, the ellipsoid of ETRS89 and so of Belgian Lambert 2008 (EPSG:7019).</summary>
    public static readonly Ellipsoid Grs80 = new(6378137.0, 1.0 / 298.257222101);

    /// <summary>WGS84 (EPSG:7030), used for UTM zones.</summary>
    public static readonly Ellipsoid Wgs84 = new(6378137.0, 1.0 / 298.257223563);

    /// <summary>International 1924 (Hayford, EPSG:7022), the ellipsoid of Belge 1972 and so of Lambert 72.</summary>
    public static readonly Ellipsoid International1924 = new(6378388.0, 1.0 / 297.0);

    /// <summary>First eccentricity e = sqrt(2f - f^2).</summary>
    public double Eccentricity => Math.Sqrt(Flattening * (2.0 - Flattening));
}

using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Projection;

/// <summary>
/// Belge 1972 / Belgian Lambert 72 (EPSG:31370) to WGS84, for files that Belgian GIS users export in
/// it. Two steps: the Lambert conformal conic inverse on International 1924 gives BD72 longitude and
/// latitude; the seven-parameter Helmert transformation BD72 to WGS 84 (EPSG:15929, position-vector
/// convention, stated accuracy about 1 m) gives WGS84. This is the transformation PROJ uses for
/// EPSG:31370 when the IGN correction grid is not installed, so results match `gdaltransform`
/// (tests/SceneMonitor.Analysis.Tests/Projection/BelgianLambert72Tests.cs).
/// </summary>
public static class BelgianLambert72
{
    /// <summary>EPSG:31370: standard parallels 51°10'00.00204" and 49°50'00.00204", false origin at
    /// the pole and 4°22'02.952" E, false easting 150000.013 m, false northing 5400088.438 m.</summary>
    public static readonly LambertConformalConic Projection = new(
        Ellipsoid.International1924,
        standardParallel1: Angles.Dms(51, 10, 0.00204),
        standardParallel2: Angles.Dms(49, 50, 0.00204),
        latitudeOfFalseOrigin: 90.0,
        longitudeOfFalseOrigin: Angles.Dms(4, 22, 2.952),
        falseEasting: 150000.013,
        falseNorthing: 5400088.438,
        srid: 31370,
        name: "Belgian Lambert 72 (EPSG:31370)");

    // EPSG:15929 BD72 to WGS 84 (3): translations in metres, rotations in arc seconds, scale in ppm.
    private const double Tx = -106.8686, Ty = 52.2978, Tz = -103.7239;
    private const double RxSec = 0.3366, RySec = -0.457, RzSec = 1.8422, ScalePpm = -1.2747;

    /// <summary>WGS84 longitude and latitude (degrees) of a Lambert 72 point (metres).</summary>
    public static LonLat ToWgs84(PlanarPoint lambert72)
    {
        var bd72 = Projection.Inverse(lambert72);
        var (x, y, z) = Geocentric(bd72, Ellipsoid.International1924);
        const double sec = Math.PI / (180.0 * 3600.0);
        double rx = RxSec * sec, ry = RySec * sec, rz = RzSec * sec, m = 1 + ScalePpm * 1e-6;
        // Position-vector rotation (EPSG method 1033), small-angle form as EPSG and PROJ apply it.
        var xw = Tx + m * (x - rz * y + ry * z);
        var yw = Ty + m * (rz * x + y - rx * z);
        var zw = Tz + m * (-ry * x + rx * y + z);
        return Geodetic(xw, yw, zw, Ellipsoid.Wgs84);
    }

    /// <summary>Geodetic (height 0) to geocentric cartesian coordinates.</summary>
    private static (double X, double Y, double Z) Geocentric(LonLat p, Ellipsoid ellipsoid)
    {
        double a = ellipsoid.SemiMajorAxis, e2 = ellipsoid.Eccentricity * ellipsoid.Eccentricity;
        double phi = p.Lat * Angles.DegToRad, lambda = p.Lon * Angles.DegToRad;
        var nu = a / Math.Sqrt(1 - e2 * Math.Sin(phi) * Math.Sin(phi));
        return (nu * Math.Cos(phi) * Math.Cos(lambda), nu * Math.Cos(phi) * Math.Sin(lambda), nu * (1 - e2) * Math.Sin(phi));
    }

    /// <summary>Geocentric to geodetic longitude and latitude, latitude by fixed-point iteration
    /// (converges to below 1e-12 rad in a few steps at these latitudes); the height is dropped.</summary>
    private static LonLat Geodetic(double x, double y, double z, Ellipsoid ellipsoid)
    {
        double a = ellipsoid.SemiMajorAxis, e2 = ellipsoid.Eccentricity * ellipsoid.Eccentricity;
        var p = Math.Sqrt(x * x + y * y);
        var phi = Math.Atan2(z, p * (1 - e2));
        for (var i = 0; i < 20; i++)
        {
            var nu = a / Math.Sqrt(1 - e2 * Math.Sin(phi) * Math.Sin(phi));
            var h = p / Math.Cos(phi) - nu;
            var next = Math.Atan2(z, p * (1 - e2 * nu / (nu + h)));
            var done = Math.Abs(next - phi) < 1e-14;
            phi = next;
            if (done) break;
        }
        return new LonLat(Math.Atan2(y, x) / Angles.DegToRad, phi / Angles.DegToRad);
    }
}

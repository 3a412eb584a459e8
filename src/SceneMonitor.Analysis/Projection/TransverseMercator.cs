using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Projection;

/// <summary>
/// Transverse Mercator (EPSG method 9807) with the Krüger n-series to fourth order ("JHS formulas"
/// of IOGP Guidance Note 7-2, section 3.5.3.1): millimetre accuracy within a UTM zone, and no
/// iteration in the forward direction. Generic so it can be checked against the guidance note's
/// British National Grid example; the project uses <see cref="Utm"/>.
/// </summary>
public sealed class TransverseMercator : MetricProjection
{
    private readonly double _e, _k0, _lon0, _fe, _fn, _b, _m0;
    private readonly double[] _h = new double[4];
    private readonly double[] _hInv = new double[4];

    public TransverseMercator(Ellipsoid ellipsoid, double latitudeOfOrigin, double centralMeridian, double scaleFactor,
        double falseEasting, double falseNorthing, int srid, string name)
    {
        _e = ellipsoid.Eccentricity;
        _k0 = scaleFactor;
        _lon0 = centralMeridian * Angles.DegToRad;
        _fe = falseEasting;
        _fn = falseNorthing;
        Srid = srid;
        Name = name;

        double f = ellipsoid.Flattening;
        double n = f / (2 - f), n2 = n * n, n3 = n2 * n, n4 = n3 * n;
        _b = ellipsoid.SemiMajorAxis / (1 + n) * (1 + n2 / 4 + n4 / 64);
        _h[0] = n / 2 - 2.0 / 3 * n2 + 5.0 / 16 * n3 + 41.0 / 180 * n4;
        _h[1] = 13.0 / 48 * n2 - 3.0 / 5 * n3 + 557.0 / 1440 * n4;
        _h[2] = 61.0 / 240 * n3 - 103.0 / 140 * n4;
        _h[3] = 49561.0 / 161280 * n4;
        _hInv[0] = n / 2 - 2.0 / 3 * n2 + 37.0 / 96 * n3 - 1.0 / 360 * n4;
        _hInv[1] = 1.0 / 48 * n2 + 1.0 / 15 * n3 - 437.0 / 1440 * n4;
        _hInv[2] = 17.0 / 480 * n3 - 37.0 / 840 * n4;
        _hInv[3] = 4397.0 / 161280 * n4;

        // Meridian distance of the latitude of origin (0 for UTM, whose origin is the equator).
        double beta0 = ConformalLatitude(latitudeOfOrigin * Angles.DegToRad);
        double xi0 = beta0;
        for (int k = 1; k <= 4; k++) xi0 += _h[k - 1] * Math.Sin(2 * k * beta0);
        _m0 = _b * xi0;
    }

    public override int Srid { get; }
    public override string Name { get; }

    /// <summary>UTM zone number 1..60 for a longitude (the Norway/Svalbard exceptions are not applied).</summary>
    public static int UtmZone(double lon)
    {
        int zone = (int)Math.Floor((lon + 180.0) / 6.0) + 1;
        return Math.Clamp(zone, 1, 60);
    }

    /// <summary>WGS84 / UTM zone of a point: EPSG 326zz north of the equator, 327zz south of it.</summary>
    public static TransverseMercator Utm(LonLat centre) => Utm(UtmZone(centre.Lon), centre.Lat >= 0);

    /// <summary>WGS84 / UTM zone 1..60, north (EPSG 326zz) or south (EPSG 327zz).</summary>
    public static TransverseMercator Utm(int zone, bool north)
    {
        if (zone is < 1 or > 60) throw new ArgumentOutOfRangeException(nameof(zone));
        return new TransverseMercator(Ellipsoid.Wgs84, 0, zone * 6 - 183, 0.9996, 500000, north ? 0 : 10000000,
            (north ? 32600 : 32700) + zone, $"WGS 84 / UTM zone {zone}{(north ? "N" : "S")}");
    }

    public override PlanarPoint Forward(LonLat lonLat)
    {
        double beta = ConformalLatitude(lonLat.Lat * Angles.DegToRad);
        double eta0 = Math.Atanh(Math.Cos(beta) * Math.Sin(lonLat.Lon * Angles.DegToRad - _lon0));
        double xi0 = Math.Asin(Math.Sin(beta) * Math.Cosh(eta0));
        double xi = xi0, eta = eta0;
        for (int k = 1; k <= 4; k++)
        {
            xi += _h[k - 1] * Math.Sin(2 * k * xi0) * Math.Cosh(2 * k * eta0);
            eta += _h[k - 1] * Math.Cos(2 * k * xi0) * Math.Sinh(2 * k * eta0);
        }
        return new PlanarPoint(_fe + _k0 * _b * eta, _fn + _k0 * (_b * xi - _m0));
    }

    public override LonLat Inverse(PlanarPoint point)
    {
        double etaP = (point.X - _fe) / (_b * _k0);
        double xiP = (point.Y - _fn + _k0 * _m0) / (_b * _k0);
        double xi0 = xiP, eta0 = etaP;
        for (int k = 1; k <= 4; k++)
        {
            xi0 -= _hInv[k - 1] * Math.Sin(2 * k * xiP) * Math.Cosh(2 * k * etaP);
            eta0 -= _hInv[k - 1] * Math.Cos(2 * k * xiP) * Math.Sinh(2 * k * etaP);
        }
        double beta = Math.Asin(Math.Sin(xi0) / Math.Cosh(eta0));
        double q = Math.Asinh(Math.Tan(beta));
        double qIter = q;
        // Isometric latitude Q'' = Q' + e atanh(e tanh Q''): fixed point, a few steps.
        for (int i = 0; i < 20; i++)
        {
            double next = q + _e * Math.Atanh(_e * Math.Tanh(qIter));
            bool done = Math.Abs(next - qIter) < 1e-14;
            qIter = next;
            if (done) break;
        }
        double phi = Math.Atan(Math.Sinh(qIter));
        double lon = _lon0 + Math.Asin(Math.Tanh(eta0) / Math.Cos(beta));
        return new LonLat(lon / Angles.DegToRad, phi / Angles.DegToRad);
    }

    /// <summary>Conformal latitude beta = atan(sinh(Q)), Q = asinh(tan phi) - e atanh(e sin phi).</summary>
    private double ConformalLatitude(double phi)
    {
        double q = Math.Asinh(Math.Tan(phi)) - _e * Math.Atanh(_e * Math.Sin(phi));
        return Math.Atan(Math.Sinh(q));
    }
}

using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Projection;

/// <summary>
/// Lambert Conformal Conic with two standard parallels (EPSG method 9802), written from the
/// formulas of IOGP Guidance Note 7-2, section 3.2.1.1. Generic over the ellipsoid so it can be
/// checked against the guidance note's own worked example; the project uses
/// <see cref="BelgianLambert2008"/>.
/// </summary>
public sealed class LambertConformalConic : MetricProjection
{
    /// <summary>
    /// Belgian Lambert 2008 (EPSG:3812) on GRS80: standard parallels 49°50' and 51°10',
    /// false origin 50°47'52.134" N 4°21'33.177" E at (649328, 665262).
    /// ETRS89 is taken as equal to WGS84, as PROJ and PostGIS do by default (EPSG:1149, ±1 m).
    /// </summary>
    public static readonly LambertConformalConic BelgianLambert2008 = new(
        Ellipsoid.Grs80,
        standardParallel1: Angles.Dms(49, 50, 0),
        standardParallel2: Angles.Dms(51, 10, 0),
        latitudeOfFalseOrigin: Angles.Dms(50, 47, 52.134),
        longitudeOfFalseOrigin: Angles.Dms(4, 21, 33.177),
        falseEasting: 649328.0,
        falseNorthing: 665262.0,
        srid: 3812,
        name: "Belgian Lambert 2008");

    private readonly double _a, _e, _n, _f, _rF, _lonF, _eF, _nF;

    public LambertConformalConic(Ellipsoid ellipsoid, double standardParallel1, double standardParallel2,
        double latitudeOfFalseOrigin, double longitudeOfFalseOrigin, double falseEasting, double falseNorthing,
        int srid, string name)
    {
        if (standardParallel1 == standardParallel2)
            throw new ArgumentException("This two-parallel form needs two different standard parallels.");
        _a = ellipsoid.SemiMajorAxis;
        _e = ellipsoid.Eccentricity;
        double phi1 = standardParallel1 * Angles.DegToRad, phi2 = standardParallel2 * Angles.DegToRad;
        double m1 = M(phi1), m2 = M(phi2), t1 = T(phi1), t2 = T(phi2);
        _n = (Math.Log(m1) - Math.Log(m2)) / (Math.Log(t1) - Math.Log(t2));
        _f = m1 / (_n * Math.Pow(t1, _n));
        _rF = _a * _f * Math.Pow(T(latitudeOfFalseOrigin * Angles.DegToRad), _n);
        _lonF = longitudeOfFalseOrigin * Angles.DegToRad;
        _eF = falseEasting;
        _nF = falseNorthing;
        Srid = srid;
        Name = name;
    }

    public override int Srid { get; }
    public override string Name { get; }

    public override PlanarPoint Forward(LonLat lonLat)
    {
        double phi = lonLat.Lat * Angles.DegToRad;
        double r = _a * _f * Math.Pow(T(phi), _n);
        double theta = _n * (lonLat.Lon * Angles.DegToRad - _lonF);
        return new PlanarPoint(_eF + r * Math.Sin(theta), _nF + _rF - r * Math.Cos(theta));
    }

    public override LonLat Inverse(PlanarPoint point)
    {
        double dx = point.X - _eF;
        double dy = _rF - (point.Y - _nF);
        // For a cone opening to the south (n < 0) the radius and angle change sign (GN7-2).
        double sign = Math.Sign(_n);
        double r = sign * Math.Sqrt(dx * dx + dy * dy);
        double theta = Math.Atan2(sign * dx, sign * dy);
        double t = Math.Pow(r / (_a * _f), 1.0 / _n);
        double phi = Math.PI / 2 - 2 * Math.Atan(t);
        // Latitude by fixed-point iteration; converges to 1e-12 rad in a handful of steps.
        for (int i = 0; i < 20; i++)
        {
            double esin = _e * Math.Sin(phi);
            double next = Math.PI / 2 - 2 * Math.Atan(t * Math.Pow((1 - esin) / (1 + esin), _e / 2));
            bool done = Math.Abs(next - phi) < 1e-14;
            phi = next;
            if (done) break;
        }
        return new LonLat((theta / _n + _lonF) / Angles.DegToRad, phi / Angles.DegToRad);
    }

    private double M(double phi)
    {
        double esin = _e * Math.Sin(phi);
        return Math.Cos(phi) / Math.Sqrt(1 - esin * esin);
    }

    private double T(double phi)
    {
        double esin = _e * Math.Sin(phi);
        return Math.Tan(Math.PI / 4 - phi / 2) / Math.Pow((1 - esin) / (1 + esin), _e / 2);
    }
}

using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Projection;

/// <summary>
/// A map from WGS84 lon/lat to planar metres and back, so that all distance work happens in metres
/// (docs/methods.md, "Projections"). <see cref="For(IEnumerable{LonLat})"/> picks Belgian Lambert 2008 for
/// Belgium and the UTM zone of the centroid elsewhere.
/// </summary>
public abstract class MetricProjection
{
    /// <summary>EPSG code of the planar system.</summary>
    public abstract int Srid { get; }

    public abstract string Name { get; }

    /// <summary>Code and name, as results state their CRS: "EPSG:3812 (Belgian Lambert 2008)".</summary>
    public string Label => $"EPSG:{Srid} ({Name})";

    /// <summary>lon/lat (degrees) to planar metres.</summary>
    public abstract PlanarPoint Forward(LonLat lonLat);

    /// <summary>planar metres to lon/lat (degrees).</summary>
    public abstract LonLat Inverse(PlanarPoint point);

    /// <summary>True when coordinates are already planar and pass through unchanged.</summary>
    public virtual bool IsIdentity => false;

    /// <summary>
    /// Loose lon/lat box around Belgium (the area of use of EPSG:3812 is 2.5-6.4 E, 49.5-51.5 N;
    /// we allow a little margin so border points do not flip the whole data set to UTM).
    /// </summary>
    public static bool IsInBelgium(LonLat p) => p.Lon >= 2.3 && p.Lon <= 6.6 && p.Lat >= 49.3 && p.Lat <= 51.7;

    /// <summary>
    /// Chooses the metric system for a set of WGS84 points: EPSG:3812 when every point lies in the
    /// Belgium box, otherwise the WGS84 UTM zone (north or south) of the points' mean lon/lat.
    /// With no points it returns EPSG:3812, the project's home system.
    /// </summary>
    public static MetricProjection For(IEnumerable<LonLat> points)
    {
        double sumLon = 0, sumLat = 0;
        int count = 0;
        bool allInBelgium = true;
        foreach (var p in points)
        {
            sumLon += p.Lon;
            sumLat += p.Lat;
            count++;
            allInBelgium &= IsInBelgium(p);
        }
        if (count == 0 || allInBelgium) return LambertConformalConic.BelgianLambert2008;
        return TransverseMercator.Utm(new LonLat(sumLon / count, sumLat / count));
    }

    /// <summary>True for the metric EPSG codes <see cref="ForEpsg"/> knows: 3812 and the WGS84 UTM zones
    /// 32601-32660 (north) and 32701-32760 (south).</summary>
    public static bool IsSupportedEpsg(int epsg) => epsg == 3812 || UtmZoneOf(epsg) is not null;

    /// <summary>Zone number and hemisphere of a WGS84 UTM EPSG code, or null for any other code.</summary>
    public static (int Zone, bool North)? UtmZoneOf(int epsg) => epsg switch
    {
        >= 32601 and <= 32660 => (epsg - 32600, true),
        >= 32701 and <= 32760 => (epsg - 32700, false),
        _ => null,
    };

    /// <summary>The WGS84 UTM EPSG code of the zone holding a point (326zz north, 327zz south).</summary>
    public static int UtmEpsg(double lon, double lat) => (lat >= 0 ? 32600 : 32700) + TransverseMercator.UtmZone(lon);

    /// <summary>The metric projection a region pack names by EPSG code (its manifest's metricEpsg):
    /// Belgian Lambert 2008 or a WGS84 UTM zone. Other codes throw: the pack check refuses them first.</summary>
    public static MetricProjection ForEpsg(int epsg)
    {
        if (epsg == 3812) return LambertConformalConic.BelgianLambert2008;
        if (UtmZoneOf(epsg) is var (zone, north)) return TransverseMercator.Utm(zone, north);
        throw new ArgumentOutOfRangeException(nameof(epsg), epsg, "Supported metric projections: EPSG:3812 and WGS 84 / UTM (EPSG:326xx, 327xx).");
    }

    /// <summary>
    /// The projection for coordinates given with an SRID: 4326 means lon/lat to be projected with
    /// <see cref="For(IEnumerable{LonLat})"/>; any other SRID is taken as planar metres as given.
    /// </summary>
    public static MetricProjection ForSrid(int srid, IEnumerable<LonLat> points) =>
        srid == 4326 ? For(points) : new PlanarIdentity(srid);
}

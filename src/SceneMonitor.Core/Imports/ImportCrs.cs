using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Core.Imports;

/// <summary>The coordinate reference systems a GeoJSON import may be in: WGS84 (EPSG:4326, OGC CRS84)
/// and the two Belgian Lambert grids that QGIS users export in (EPSG:31370 Lambert 72, EPSG:3812
/// Lambert 2008). Named as GeoJSON 2008's "crs" member names them (urn:ogc:def:crs:EPSG::31370,
/// urn:ogc:def:crs:OGC:1.3:CRS84), as an http://www.opengis.net/def/crs/ URI, or as EPSG:31370.
/// Projected coordinates are converted by the project's own projection code (no database round trip
/// per row); their accuracy is that of the EPSG transformation, about 1 m for Lambert 72.</summary>
public sealed record ImportCrs(int Srid, string Label)
{
    public static readonly ImportCrs Wgs84 = new(4326, "EPSG:4326 (WGS84)");
    public static readonly ImportCrs Lambert72 = new(31370, "EPSG:31370 (Belgian Lambert 72)");
    public static readonly ImportCrs Lambert2008 = new(3812, "EPSG:3812 (Belgian Lambert 2008)");

    public const string Accepted = "EPSG:4326, CRS84, EPSG:31370 (Lambert 72) or EPSG:3812 (Lambert 2008)";

    public bool IsWgs84 => Srid == 4326;

    /// <summary>The CRS a name stands for, or null when it is not one of the accepted ones.</summary>
    public static ImportCrs? Parse(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var n = name.Trim().ToUpperInvariant();
        if (n.EndsWith("CRS84", StringComparison.Ordinal) || n.EndsWith("CRS:84", StringComparison.Ordinal)) return Wgs84;
        // The code is the last run of digits after the authority: EPSG:31370, urn:ogc:def:crs:EPSG::31370,
        // urn:ogc:def:crs:EPSG:6.6:31370, http://www.opengis.net/def/crs/EPSG/0/31370.
        if (!n.Contains("EPSG", StringComparison.Ordinal)) return null;
        var i = n.Length;
        while (i > 0 && char.IsAsciiDigit(n[i - 1])) i--;
        return n[i..] switch { "4326" => Wgs84, "31370" => Lambert72, "3812" => Lambert2008, _ => null };
    }

    /// <summary>WGS84 longitude and latitude of a coordinate pair in this CRS.</summary>
    public LonLat ToWgs84(double x, double y) => Srid switch
    {
        31370 => BelgianLambert72.ToWgs84(new PlanarPoint(x, y)),
        3812 => LambertConformalConic.BelgianLambert2008.Inverse(new PlanarPoint(x, y)),
        _ => new LonLat(x, y),
    };

    /// <summary>For coordinates that are not degrees: the Belgian grid they look like, so the error can
    /// say what to add. Lambert 72 eastings and northings in Belgium lie within 0–300 km; Lambert 2008
    /// ones are those plus about 500 km.</summary>
    public static ImportCrs? Guess(double x, double y) =>
        x is >= 0 and <= 300_000 && y is >= 0 and <= 300_000 ? Lambert72
        : x is >= 500_000 and <= 800_000 && y is >= 500_000 and <= 800_000 ? Lambert2008
        : null;
}

using System.Globalization;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>A coordinate reference system the OGC API offers (Part 2). <see cref="LatLon"/> is the axis
/// order of the CRS as the EPSG registry defines it: EPSG:4326 is latitude first, while CRS84 (the
/// GeoJSON default) and the projected CRSs here are easting/longitude first. Coordinates in responses,
/// bbox with bbox-crs and filter literals with filter-crs all follow the CRS's own axis order.</summary>
public sealed record OgcCrs(string Uri, int Srid, bool LatLon, int Digits)
{
    public static readonly OgcCrs Crs84 = new("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, false, 7);
    public static readonly OgcCrs Wgs84LatLon = new("http://www.opengis.net/def/crs/EPSG/0/4326", 4326, true, 7);
    public static readonly OgcCrs BelgianLambert2008 = Epsg(3812);
    public static readonly OgcCrs BelgianLambert72 = Epsg(31370);
    public static readonly OgcCrs WebMercator = Epsg(3857);

    public static readonly IReadOnlyList<OgcCrs> All = [Crs84, Wgs84LatLon, BelgianLambert2008, BelgianLambert72, WebMercator];

    /// <summary>Projected CRSs are in metres: millimetres are plenty.</summary>
    private static OgcCrs Epsg(int code) => new($"http://www.opengis.net/def/crs/EPSG/0/{code}", code, false, 3);

    /// <summary>The Content-Crs header value: the URI in angle brackets.</summary>
    public string Header => $"<{Uri}>";

    /// <summary>Accepts the URI (http or https), a safe CURIE ([EPSG:3812]) or EPSG:3812 / OGC:CRS84 / CRS84.</summary>
    public static OgcCrs? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().TrimStart('[').TrimEnd(']');
        if (t.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) t = "http://" + t[8..];
        foreach (var crs in All)
            if (string.Equals(crs.Uri, t, StringComparison.OrdinalIgnoreCase)) return crs;
        if (t.Equals("CRS84", StringComparison.OrdinalIgnoreCase) || t.Equals("OGC:CRS84", StringComparison.OrdinalIgnoreCase)) return Crs84;
        if (t.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase) &&
            int.TryParse(t.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            return All.FirstOrDefault(c => c.Srid == code && c != Crs84);
        return null;
    }

    public static string Supported => string.Join(", ", All.Select(c => c.Uri));
}

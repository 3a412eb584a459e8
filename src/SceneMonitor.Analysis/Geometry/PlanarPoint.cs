namespace SceneMonitor.Analysis.Geometry;

/// <summary>
/// A point in a metric (planar) coordinate system, in metres.
/// <see cref="Weight"/> is how many events the point stands for (e.g. an observation's quantity);
/// counts, centres and densities sum weights, so plain points simply use the default 1.
/// </summary>
public readonly record struct PlanarPoint(double X, double Y, double Weight = 1.0);

/// <summary>A WGS84 longitude/latitude pair in degrees (GeoJSON / RFC 7946 order).</summary>
public readonly record struct LonLat(double Lon, double Lat);

using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Projection;

/// <summary>
/// For input that is already planar (an SRID other than 4326): coordinates are used as given,
/// and "lon/lat" output simply repeats them, because we cannot know the real geographic position.
/// </summary>
public sealed class PlanarIdentity(int srid) : MetricProjection
{
    public override int Srid => srid;
    public override string Name => $"planar (EPSG:{srid}, used as given)";
    public override bool IsIdentity => true;
    public override PlanarPoint Forward(LonLat lonLat) => new(lonLat.Lon, lonLat.Lat);
    public override LonLat Inverse(PlanarPoint point) => new(point.X, point.Y);
}

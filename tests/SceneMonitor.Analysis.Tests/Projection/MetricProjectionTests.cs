using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Analysis.Tests.Projection;

public class MetricProjectionTests
{
    [Fact]
    public void Belgian_points_use_lambert_2008()
    {
        var projection = MetricProjection.For([new LonLat(4.336, 50.8357), new LonLat(3.7174, 51.0543)]);
        Assert.Equal(3812, projection.Srid);
    }

    [Fact]
    public void No_points_default_to_lambert_2008() => Assert.Equal(3812, MetricProjection.For([]).Srid);

    [Fact]
    public void Points_outside_belgium_use_the_utm_zone_of_the_centroid()
    {
        // Amsterdam (4.90 E) and Rotterdam (4.48 E): centroid in zone 31, north.
        var projection = MetricProjection.For([new LonLat(4.9041, 52.3676), new LonLat(4.4777, 51.9244)]);
        Assert.Equal(32631, projection.Srid);
    }

    [Fact]
    public void One_point_outside_belgium_switches_the_whole_set_to_utm()
    {
        var projection = MetricProjection.For([new LonLat(4.336, 50.8357), new LonLat(7.4653, 51.5136)]);
        Assert.Equal(32631, projection.Srid); // mean lon 5.9 -> zone 31
    }

    [Fact]
    public void Planar_srid_passes_coordinates_through()
    {
        var projection = MetricProjection.ForSrid(3812, [new LonLat(649328, 665262)]);
        Assert.True(projection.IsIdentity);
        Assert.Equal(3812, projection.Srid);
        Assert.Equal(new PlanarPoint(649328, 665262), projection.Forward(new LonLat(649328, 665262)));
        Assert.Equal(new LonLat(1, 2), projection.Inverse(new PlanarPoint(1, 2)));
    }

    [Fact]
    public void Srid_4326_projects()
    {
        var projection = MetricProjection.ForSrid(4326, [new LonLat(4.336, 50.8357)]);
        Assert.False(projection.IsIdentity);
        Assert.Equal(3812, projection.Srid);
    }
}

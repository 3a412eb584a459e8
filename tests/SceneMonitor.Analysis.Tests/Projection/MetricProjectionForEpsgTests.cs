using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Analysis.Tests.Projection;

/// <summary>The projection a region pack names by EPSG code (manifest metricEpsg).</summary>
public class MetricProjectionForEpsgTests
{
    // Expected values: PROJ 9.1.1 cs2cs, commands in docs/checks/utm-reference.sh (lat lon order in,
    // easting northing out, 4 decimals = 0.1 mm).
    [Theory]
    [InlineData(32631, 3.7174, 51.0543, 550280.6158, 5656108.1062)] // Ghent, Korenmarkt area
    [InlineData(32631, 3.7000, 51.0250, 549092.0646, 5652838.1317)] // Ghent, south
    [InlineData(32631, 3.6500, 51.1000, 545511.9216, 5661146.2754)] // Ghent, north (port)
    [InlineData(32629, -9.1393, 38.7223, 487890.7581, 4285969.8589)] // Lisbon, zone 29N
    public void Utm_by_epsg_matches_cs2cs_to_a_millimetre(int epsg, double lon, double lat, double x, double y)
    {
        var projection = MetricProjection.ForEpsg(epsg);
        Assert.Equal(epsg, projection.Srid);
        var p = projection.Forward(new LonLat(lon, lat));
        Assert.Equal(x, p.X, 1e-3);
        Assert.Equal(y, p.Y, 1e-3);
        var back = projection.Inverse(p);
        Assert.Equal(lon, back.Lon, 1e-9);
        Assert.Equal(lat, back.Lat, 1e-9);
    }

    [Fact]
    public void Epsg_3812_is_the_belgian_lambert_2008() =>
        Assert.Same(LambertConformalConic.BelgianLambert2008, MetricProjection.ForEpsg(3812));

    [Fact]
    public void South_zones_have_a_false_northing_of_ten_million()
    {
        // Sydney in zone 56S: the same figure as TransverseMercatorTests (cs2cs EPSG:32756).
        var p = MetricProjection.ForEpsg(32756).Forward(new LonLat(151.2093, -33.8688));
        Assert.Equal(334368.6336, p.X, 1e-3);
        Assert.Equal(6250948.3454, p.Y, 1e-3);
    }

    [Theory]
    [InlineData(4326)]
    [InlineData(31370)]
    [InlineData(32600)]
    [InlineData(32661)]
    [InlineData(32700)]
    [InlineData(3857)]
    public void Other_codes_are_not_supported(int epsg)
    {
        Assert.False(MetricProjection.IsSupportedEpsg(epsg));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricProjection.ForEpsg(epsg));
    }
}

using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Analysis.Tests.Projection;

public class TransverseMercatorTests
{
    // Expected values: PROJ 9.1.1 `cs2cs -f %.4f EPSG:4326 EPSG:326zz/327zz`.
    [Theory]
    [InlineData(4.3360, 50.8357, 31, 594075.5660, 5632404.8328)]    // Brussels, zone 31N
    [InlineData(3.7174, 51.0543, 31, 550280.6158, 5656108.1062)]    // Ghent, zone 31N
    [InlineData(-3.7038, 40.4168, 30, 440290.4581, 4474257.3820)]   // Madrid, zone 30N
    [InlineData(151.2093, -33.8688, 56, 334368.6336, 6250948.3454)] // Sydney, zone 56S
    [InlineData(-21.9426, 64.1466, 27, 454138.3765, 7113689.8690)]  // Reykjavik, zone 27N
    public void Utm_forward_matches_proj(double lon, double lat, int zone, double x, double y)
    {
        var utm = TransverseMercator.Utm(new LonLat(lon, lat));
        Assert.Equal(zone, TransverseMercator.UtmZone(lon));
        Assert.Equal((lat >= 0 ? 32600 : 32700) + zone, utm.Srid);
        var p = utm.Forward(new LonLat(lon, lat));
        Assert.Equal(x, p.X, 1e-3);
        Assert.Equal(y, p.Y, 1e-3);
        var back = utm.Inverse(p);
        Assert.Equal(lon, back.Lon, 1e-9);
        Assert.Equal(lat, back.Lat, 1e-9);
    }

    [Fact]
    public void Matches_the_iogp_guidance_note_worked_example()
    {
        // IOGP GN7-2 §3.5.3 example, OSGB36 / British National Grid (Airy 1830):
        // 50°30' N, 0°30' E -> E = 577274.99 m, N = 69740.50 m (also PROJ: 577274.9838, 69740.4923).
        var airy = new Ellipsoid(6377563.396, 1 / 299.3249646);
        var bng = new TransverseMercator(airy, 49, -2, 0.9996012717, 400000, -100000, 27700, "British National Grid");
        var p = bng.Forward(new LonLat(0.5, 50.5));
        Assert.Equal(577274.98, p.X, 1e-2);
        Assert.Equal(69740.49, p.Y, 1e-2);
        var back = bng.Inverse(p);
        Assert.Equal(0.5, back.Lon, 1e-10);
        Assert.Equal(50.5, back.Lat, 1e-10);
    }

    [Theory]
    [InlineData(-180.0, 1)]
    [InlineData(-177.0, 1)]
    [InlineData(0.0, 31)]
    [InlineData(5.999, 31)]
    [InlineData(6.0, 32)]
    [InlineData(180.0, 60)]
    public void Zone_numbers_follow_six_degree_strips(double lon, int zone) =>
        Assert.Equal(zone, TransverseMercator.UtmZone(lon));
}

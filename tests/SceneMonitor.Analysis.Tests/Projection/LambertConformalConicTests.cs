using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Analysis.Tests.Projection;

public class LambertConformalConicTests
{
    private static readonly LambertConformalConic Lambert2008 = LambertConformalConic.BelgianLambert2008;

    // Expected values: PROJ 9.1.1 `cs2cs -f %.4f EPSG:4326 EPSG:3812` (the library behind PostGIS
    // ST_Transform; its pipeline for this pair is a null ETRS89/WGS84 step + lcc on GRS80).
    [Theory]
    [InlineData(4.3360, 50.8357, 647692.6362, 669476.5429)] // Brussel-Zuid / Gare du Midi
    [InlineData(4.3618, 50.8604, 649509.9376, 672223.9157)] // Noordstation / Gare du Nord
    [InlineData(4.2866, 50.8352, 644212.7603, 669423.1688)] // Peterbos, Anderlecht
    [InlineData(3.7174, 51.0543, 604328.1290, 693988.5177)] // Gent
    [InlineData(4.3592, 50.7987, 649326.8838, 665360.4460)] // near the false origin
    public void Forward_matches_proj_for_brussels_and_ghent(double lon, double lat, double x, double y)
    {
        var p = Lambert2008.Forward(new LonLat(lon, lat));
        Assert.Equal(x, p.X, 1e-3);
        Assert.Equal(y, p.Y, 1e-3);
    }

    [Fact]
    public void False_origin_maps_to_false_easting_and_northing()
    {
        // By definition of EPSG:3812: 50°47'52.134" N, 4°21'33.177" E -> (649328, 665262).
        var origin = new LonLat(4 + 21 / 60.0 + 33.177 / 3600, 50 + 47 / 60.0 + 52.134 / 3600);
        var p = Lambert2008.Forward(origin);
        Assert.Equal(649328.0, p.X, 1e-6);
        Assert.Equal(665262.0, p.Y, 1e-6);
    }

    [Theory]
    [InlineData(4.3360, 50.8357)]
    [InlineData(3.7174, 51.0543)]
    [InlineData(2.6, 49.6)]
    [InlineData(6.3, 51.4)]
    public void Inverse_round_trips_to_a_micrometre(double lon, double lat)
    {
        var back = Lambert2008.Inverse(Lambert2008.Forward(new LonLat(lon, lat)));
        Assert.Equal(lon, back.Lon, 1e-10);
        Assert.Equal(lat, back.Lat, 1e-10);
    }

    [Fact]
    public void Matches_the_iogp_guidance_note_worked_example()
    {
        // IOGP GN7-2 §3.2.1.1 example, NAD27 / Texas South Central (Clarke 1866):
        // 28°30' N, 96°00' W -> E = 2963503.91 ftUS, N = 254759.80 ftUS (also PROJ: 2963503.9128, 254759.8006).
        const double usFoot = 1200.0 / 3937.0;
        var clarke1866 = new Ellipsoid(6378206.400, 1 / 294.9786982);
        var texas = new LambertConformalConic(clarke1866, 28 + 23 / 60.0, 30 + 17 / 60.0, 27 + 50 / 60.0, -99,
            2000000 * usFoot, 0, 32040, "Texas South Central");
        var p = texas.Forward(new LonLat(-96, 28.5));
        Assert.Equal(2963503.91, p.X / usFoot, 1e-2);
        Assert.Equal(254759.80, p.Y / usFoot, 1e-2);
        var back = texas.Inverse(p);
        Assert.Equal(-96, back.Lon, 1e-10);
        Assert.Equal(28.5, back.Lat, 1e-10);
    }
}

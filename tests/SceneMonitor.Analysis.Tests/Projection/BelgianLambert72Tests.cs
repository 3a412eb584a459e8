using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Analysis.Tests.Projection;

public class BelgianLambert72Tests
{
    // Expected values computed independently with GDAL 3.6.2 / PROJ 9.1 `gdaltransform -s_srs EPSG:31370
    // -t_srs EPSG:4326 -output_xy` (docs/checks/lambert72.sh). 1e-8 degrees is about 1 mm.
    [Theory]
    [InlineData(148500, 170600, 4.34745362361699, 50.8458031869034)] // Brussels centre
    [InlineData(150000, 170000, 4.36875214090419, 50.8404112831179)] // near the false easting
    [InlineData(155000, 165000, 4.4396708370927, 50.7954414892595)]  // Oudergem / Auderghem
    public void ToWgs84_matches_gdaltransform(double x, double y, double lon, double lat)
    {
        var p = BelgianLambert72.ToWgs84(new PlanarPoint(x, y));
        Assert.Equal(lon, p.Lon, 1e-8);
        Assert.Equal(lat, p.Lat, 1e-8);
    }
}

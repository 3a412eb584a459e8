using SceneMonitor.Core.Imports;

namespace SceneMonitor.Tests.Unit.Imports;

public class ImportCrsTests
{
    // The spellings of a GeoJSON "crs" name: GDAL/QGIS write urn:ogc:def:crs:EPSG::31370 and
    // urn:ogc:def:crs:OGC:1.3:CRS84; OGC URIs and plain EPSG codes are accepted for ?crs=.
    [Theory]
    [InlineData("urn:ogc:def:crs:EPSG::31370", 31370)]
    [InlineData("urn:ogc:def:crs:EPSG:6.6:31370", 31370)]
    [InlineData("EPSG:31370", 31370)]
    [InlineData("http://www.opengis.net/def/crs/EPSG/0/3812", 3812)]
    [InlineData("urn:ogc:def:crs:EPSG::3812", 3812)]
    [InlineData("urn:ogc:def:crs:OGC:1.3:CRS84", 4326)]
    [InlineData("urn:ogc:def:crs:OGC::CRS84", 4326)]
    [InlineData("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326)]
    [InlineData("epsg:4326", 4326)]
    public void Parses_the_accepted_names(string name, int srid) => Assert.Equal(srid, ImportCrs.Parse(name)!.Srid);

    [Theory]
    [InlineData("urn:ogc:def:crs:EPSG::32631")]
    [InlineData("31370")]
    [InlineData("")]
    public void Refuses_others(string name) => Assert.Null(ImportCrs.Parse(name));

    [Fact]
    public void Guesses_the_belgian_grid_from_metre_coordinates()
    {
        Assert.Equal(31370, ImportCrs.Guess(148500, 170600)!.Srid);
        Assert.Equal(3812, ImportCrs.Guess(648500, 670600)!.Srid);
        Assert.Null(ImportCrs.Guess(-5, 400));
    }
}

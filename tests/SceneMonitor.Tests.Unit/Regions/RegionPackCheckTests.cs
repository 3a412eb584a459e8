using System.Text.Json.Nodes;
using SceneMonitor.Core.Regions;
using Xunit;

namespace SceneMonitor.Tests.Unit.Regions;

/// <summary>A tiny pack written to a temporary folder, broken one way per test: each problem is
/// named with its file (docs/region-packs.md, "Validation").</summary>
public sealed class RegionPackCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("regionpack-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A 0.01° square near Ghent; the ring is closed (last position = first).
    private static JsonArray Square() => JsonNode.Parse("[[[3.70,51.04],[3.71,51.04],[3.71,51.05],[3.70,51.05],[3.70,51.04]]]")!.AsArray();

    private static JsonObject Polygons(JsonArray rings, JsonObject? properties = null) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray(new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = properties ?? new JsonObject { ["naam"] = "Wijk A", ["nr"] = 1 },
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = rings },
        }),
    };

    private static JsonObject Manifest() => JsonNode.Parse("""
        {
          "id": "tiny", "names": { "nl": "Klein", "fr": "Petit", "en": "Tiny" },
          "timeZone": "Europe/Brussels", "startView": { "center": [3.705, 51.045], "zoom": 14 },
          "metricEpsg": 3812, "outline": { "file": "outline.geojson" },
          "layers": [ { "file": "districts.geojson", "kind": "neighbourhood",
                        "label": { "nl": "Wijken", "fr": "Quartiers", "en": "Districts" },
                        "nameFields": { "nl": "naam" }, "codeField": "nr" } ],
          "gazetteer": "places.geojson", "attribution": "Test data",
          "sources": [ { "files": ["districts.geojson"], "publisher": "test", "licence": "CC0 1.0", "licenceConfirmed": true } ]
        }
        """)!.AsObject();

    private void Write(JsonObject? manifest = null, JsonObject? districts = null, JsonObject? outline = null)
    {
        File.WriteAllText(Path.Combine(_folder, "region.json"), (manifest ?? Manifest()).ToJsonString());
        File.WriteAllText(Path.Combine(_folder, "districts.geojson"), (districts ?? Polygons(Square())).ToJsonString());
        File.WriteAllText(Path.Combine(_folder, "outline.geojson"), (outline ?? Polygons(Square())).ToJsonString());
        File.WriteAllText(Path.Combine(_folder, "places.geojson"), """{"type":"FeatureCollection","features":[]}""");
    }

    private string OnlyProblem()
    {
        var problems = RegionPackCheck.Problems(_folder);
        return Assert.Single(problems);
    }

    [Fact]
    public void A_good_pack_passes_and_loads()
    {
        Write();
        Assert.Empty(RegionPackCheck.Problems(_folder));
        var pack = RegionPack.Load(_folder);
        Assert.Equal(("tiny", "Tiny", 3812), (pack.Id, pack.Names.En, pack.MetricEpsg));
    }

    [Fact]
    public void An_unclosed_polygon_is_named_with_its_file_feature_and_ring()
    {
        var rings = Square();
        rings[0]!.AsArray().RemoveAt(4); // last position no longer repeats the first
        Write(districts: Polygons(rings));
        Assert.Equal("districts.geojson: feature 1: ring 1 is not closed: it starts at (3.7, 51.04) and ends at (3.7, 51.05); the last position must repeat the first", OnlyProblem());
    }

    [Fact]
    public void A_ring_of_three_positions_is_too_short()
    {
        Write(outline: Polygons(JsonNode.Parse("[[[3.70,51.04],[3.71,51.04],[3.70,51.04]]]")!.AsArray()));
        Assert.Equal("outline.geojson: feature 1: ring 1 has 3 positions, a closed ring needs at least 4", OnlyProblem());
    }

    [Theory]
    [InlineData("timeZone")]
    [InlineData("metricEpsg")]
    [InlineData("gazetteer")]
    [InlineData("attribution")]
    public void A_missing_manifest_field_is_named(string field)
    {
        var manifest = Manifest();
        manifest.Remove(field);
        Write(manifest);
        Assert.Equal($"region.json: missing field '{field}'", OnlyProblem());
    }

    [Fact]
    public void A_missing_name_in_one_language_is_named_with_its_path()
    {
        var manifest = Manifest();
        manifest["names"]!.AsObject().Remove("fr");
        Write(manifest);
        Assert.Equal("region.json: missing field 'names.fr'", OnlyProblem());
    }

    [Fact]
    public void A_crs_member_other_than_wgs84_is_the_wrong_crs()
    {
        var districts = Polygons(Square());
        districts["crs"] = new JsonObject { ["type"] = "name", ["properties"] = new JsonObject { ["name"] = "urn:ogc:def:crs:EPSG::31370" } };
        Write(districts: districts);
        Assert.Equal("districts.geojson: wrong CRS: the file names urn:ogc:def:crs:EPSG::31370; a pack's files must be WGS84 longitude/latitude (EPSG:4326 / CRS84)", OnlyProblem());
    }

    [Fact]
    public void Projected_coordinates_are_the_wrong_crs()
    {
        // Ghent's Korenmarkt in Belgian Lambert 72 metres, as a QGIS export without a crs member would give it.
        Write(outline: Polygons(JsonNode.Parse("[[[104700,194000],[104800,194000],[104800,194100],[104700,194000]]]")!.AsArray()));
        Assert.Equal("outline.geojson: feature 1: wrong CRS: (104700, 194000) is not a longitude/latitude; the file seems to be in projected metres (Lambert, UTM); convert it to WGS84 (EPSG:4326)", OnlyProblem());
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        Write();
        File.Delete(Path.Combine(_folder, "districts.geojson"));
        var problems = RegionPackCheck.Problems(_folder);
        Assert.Contains(problems, p => p.StartsWith("districts.geojson: file missing", StringComparison.Ordinal));
        Assert.Contains("region.json: sources name 'districts.geojson', which is not in the pack", problems);
    }

    [Fact]
    public void A_missing_manifest_is_named()
    {
        Write();
        File.Delete(Path.Combine(_folder, "region.json"));
        Assert.StartsWith("region.json: file missing", OnlyProblem());
    }

    [Fact]
    public void A_name_property_absent_from_a_feature_is_named()
    {
        Write(districts: Polygons(Square(), new JsonObject { ["nr"] = 1 }));
        Assert.Equal("districts.geojson: feature 1: property 'naam' is missing or empty", OnlyProblem());
    }

    [Fact]
    public void An_unsupported_metric_projection_and_an_unknown_time_zone_are_refused()
    {
        var manifest = Manifest();
        manifest["metricEpsg"] = 31370; // Lambert 72: a Belgian grid, but not one this version measures in
        manifest["timeZone"] = "Europe/Gent";
        Write(manifest);
        var problems = RegionPackCheck.Problems(_folder);
        Assert.Equal(
            ["region.json: timeZone 'Europe/Gent' is not a known IANA time zone",
             "region.json: metricEpsg 31370 is not supported by this version (supported: EPSG:3812 (Belgian Lambert 2008), EPSG:32601-32660 (WGS 84 / UTM north), EPSG:32701-32760 (WGS 84 / UTM south))"],
            problems);
    }

    // The square (3.70° to 3.71° E) lies in UTM zone 31 (0° to 6° E); zone 32 (6° to 12°) starts 2.29°
    // east of it, within the 3° margin; zone 30 (-6° to 0°) ends 3.71° west of it, zone 33 (12° to 18°)
    // starts 8.29° east of it: both refused.
    [Theory]
    [InlineData(32631)]
    [InlineData(32632)]
    public void A_utm_zone_covering_the_outline_is_accepted(int epsg)
    {
        var manifest = Manifest();
        manifest["metricEpsg"] = epsg;
        Write(manifest);
        Assert.Empty(RegionPackCheck.Problems(_folder));
        Assert.Equal(epsg, RegionPack.Load(_folder).MetricEpsg);
    }

    [Theory]
    [InlineData(32633, "UTM zone 33, 12° to 18° E")]
    [InlineData(32630, "UTM zone 30, -6° to 0° E")]
    public void A_utm_zone_far_from_the_outline_is_refused_naming_the_right_zone(int epsg, string zone)
    {
        var manifest = Manifest();
        manifest["metricEpsg"] = epsg;
        Write(manifest);
        Assert.Equal(
            $"region.json: metricEpsg {epsg} ({zone}) does not cover the outline (3.7° to 3.71° E, more than 3° outside the zone): use the zone of the outline's centre, EPSG:32631",
            OnlyProblem());
    }

    [Fact]
    public void A_utm_zone_of_the_other_hemisphere_is_refused()
    {
        var manifest = Manifest();
        manifest["metricEpsg"] = 32731;
        Write(manifest);
        Assert.Equal(
            "region.json: metricEpsg 32731 is a southern UTM zone but the outline lies in the other hemisphere: use EPSG:32631",
            OnlyProblem());
    }

    [Fact]
    public void Loading_a_broken_pack_throws_with_every_problem_listed()
    {
        var manifest = Manifest();
        manifest.Remove("timeZone");
        Write(manifest, districts: Polygons(JsonNode.Parse("[[[3.70,51.04],[3.71,51.04],[3.71,51.05],[3.70,51.05]]]")!.AsArray()));
        var e = Assert.Throws<RegionPackException>(() => RegionPack.Load(_folder));
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains("region.json: missing field 'timeZone'", e.Message);
        Assert.Contains("districts.geojson: feature 1: ring 1 is not closed", e.Message);
    }

    [Theory]
    [InlineData("brussels", 2)]
    [InlineData("ghent", 1)]
    public void The_shipped_packs_pass(string id, int layers)
    {
        var folder = Path.Combine(RepositoryRoot(), "geodata", id);
        Assert.Empty(RegionPackCheck.Problems(folder));
        Assert.Equal(layers, RegionPack.Load(folder).Layers.Count);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SceneMonitor.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

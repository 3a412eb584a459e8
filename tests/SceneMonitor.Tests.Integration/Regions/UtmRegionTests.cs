using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using Xunit;

namespace SceneMonitor.Tests.Integration.Regions;

/// <summary>The same scenario as the shipped packs, on the Ghent pack whose manifest says EPSG:32631.</summary>
public class GhentUtmPackScenarioTests(GhentUtmSceneMonitorApp app) : RegionPackScenarioTests(app, RegionCase.Ghent), IClassFixture<GhentUtmSceneMonitorApp>;

/// <summary>A pack with metricEpsg 32631 (WGS 84 / UTM zone 31N) measures in that projection everywhere:
/// the analysts' privacy grid, the aggregate cells (C#), the OGC grid and the emerging-hotspot cells (SQL).
/// Expected coordinates: PROJ cs2cs, docs/checks/utm-reference.sh: Ghent's Korenmarkt (3.7250, 51.0543)
/// is at E 550813.2733, N 5656113.3210 in EPSG:32631 (in EPSG:3812 it is near E 600 km, N 694 km, so
/// no figure below could come out of the Lambert grid). Cell shapes are measured back by PostGIS.</summary>
public class UtmRegionTests(GhentUtmSceneMonitorApp app) : IClassFixture<GhentUtmSceneMonitorApp>
{
    private const double Lon = 3.7250, Lat = 51.0543;
    private const double Easting = 550813.2733, Northing = 5656113.3210;

    private async Task<string> PostThreeAsync()
    {
        var source = $"utm_{Guid.NewGuid():N}"[..20];
        var recorder = app.ClientFor("recorder");
        for (var i = 0; i < 3; i++)
        {
            var created = await recorder.PostAsJsonAsync("/api/observations", new
            {
                category = "syringe", longitude = Lon, latitude = Lat, observedAt = $"2025-06-01T12:{i:00}:00Z", source,
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
        return source;
    }

    /// <summary>Easting and northing (EPSG:32631, PostGIS) of a GeoJSON geometry's vertices.</summary>
    private async Task<(double X, double Y)[]> UtmVerticesAsync(JsonNode geometry)
    {
        var text = await app.ScalarAsync<string>(
            "SELECT string_agg(ST_X(d.geom)::text || ' ' || ST_Y(d.geom)::text, ';') FROM ST_DumpPoints(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(@g), 4326), 32631)) d",
            ("g", geometry.ToJsonString()));
        return text!.Split(';').Select(p => p.Split(' ')).Select(p => (double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
    }

    private async Task<double> UtmAreaAsync(JsonNode geometry) =>
        await app.ScalarAsync<double>("SELECT ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(@g), 4326), 32631))", ("g", geometry.ToJsonString()));

    [Fact]
    public async Task The_analysts_privacy_grid_is_50_m_in_utm()
    {
        var source = await PostThreeAsync();
        var ogc = JsonNode.Parse(await app.ClientFor("analyst").GetStringAsync($"/ogc/collections/observations/items?filter=source%3D%27{source}%27&f=json"))!;
        var point = ogc["features"]!.AsArray()[0]!["geometry"]!;
        var (x, y) = Assert.Single(await UtmVerticesAsync(point));
        // Snapped to the nearest multiple of 50 m: 550813.27 -> 550800, 5656113.32 -> 5656100 (to the
        // output's rounding of lon/lat, a few centimetres).
        Assert.Equal(550800, x, 0.05);
        Assert.Equal(5656100, y, 0.05);
    }

    [Fact]
    public async Task Ogc_grid_cells_are_250_m_squares_of_the_utm_grid()
    {
        var source = await PostThreeAsync();
        var grid = JsonNode.Parse(await app.ClientFor("analyst").GetStringAsync($"/ogc/collections/observation-grid/items?f=json&limit=1000"))!;
        var cell = Assert.Single(grid["features"]!.AsArray(), f => f!["properties"]!["count"]!.GetValue<int>() >= 3 && f["properties"]!["category"]!.GetValue<string>() == "syringe")!;
        // i = floor(550800 / 250) = 2203, j = floor(5656100 / 250) = 22624 (the analyst's snapped point).
        Assert.Equal(2203, cell["properties"]!["i"]!.GetValue<int>());
        Assert.Equal(22624, cell["properties"]!["j"]!.GetValue<int>());
        var corners = await UtmVerticesAsync(cell["geometry"]!);
        Assert.All(corners, c =>
        {
            Assert.True(c.X is > 2203 * 250 - 0.05 and < 2204 * 250 + 0.05, $"{c.X}");
            Assert.Equal(0, Math.Abs(c.X - Math.Round(c.X / 250) * 250), 0.05);
            Assert.Equal(0, Math.Abs(c.Y - Math.Round(c.Y / 250) * 250), 0.05);
        });
        Assert.Equal(62500, await UtmAreaAsync(cell["geometry"]!), 5.0);
    }

    [Fact]
    public async Task Aggregate_cells_are_laid_in_utm()
    {
        var source = await PostThreeAsync();
        var analyst = app.ClientFor("analyst");
        var squares = JsonNode.Parse(await analyst.GetStringAsync($"/api/aggregates/grid?source={source}&cellSize=250&grid=square"))!;
        var square = Assert.Single(squares["features"]!.AsArray())!;
        Assert.Equal(3, square["properties"]!["count"]!.GetValue<int>());
        Assert.Equal(62500, await UtmAreaAsync(square["geometry"]!), 5.0);
        Assert.All(await UtmVerticesAsync(square["geometry"]!), c =>
        {
            Assert.Equal(0, Math.Abs(c.X - Math.Round(c.X / 250) * 250), 0.05);
            Assert.Equal(0, Math.Abs(c.Y - Math.Round(c.Y / 250) * 250), 0.05);
        });

        // A regular hexagon of side s has area 3√3/2 · s² = 162,379.8 m² for s = 250 m. Laid in EPSG:3812
        // instead, it measures 162,267.0 m² in EPSG:32631 here (PostGIS: ST_Area(ST_Transform(hexagon of
        // ST_HexagonGrid(250, Korenmarkt in 3812), 32631))), 0.07 % less: the two projections' scale
        // factors at Ghent differ. Lon/lat with 7 decimals move a vertex by about 1 cm: a few m².
        var hexes = JsonNode.Parse(await analyst.GetStringAsync($"/api/aggregates/grid?source={source}&cellSize=250&grid=hex"))!;
        var hex = Assert.Single(hexes["features"]!.AsArray())!;
        Assert.Equal(3 * Math.Sqrt(3) / 2 * 250 * 250, await UtmAreaAsync(hex["geometry"]!), 5.0);
    }

    [Fact]
    public async Task Emerging_hotspot_cells_are_postgis_hexagons_in_utm_and_say_so()
    {
        await PostThreeAsync();
        var response = await app.ClientFor("analyst").PostAsJsonAsync("/api/emerging", new
        {
            area = new[] { 3.715, 51.050, 3.735, 51.060 }, from = "2025-06-01T00:00:00Z", to = "2025-06-04T00:00:00Z", periods = 3, cellSize = 1000,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var result = JsonNode.Parse(body)!;
        Assert.Equal("EPSG:32631 (WGS 84 / UTM zone 31N) for all distances", result["parameters"]!["crs"]!.GetValue<string>());
        var cells = result["cells"]!["features"]!.AsArray();
        Assert.NotEmpty(cells);
        // 3√3/2 · 1000² = 2,598,076.2 m². Laid in EPSG:3812 a cell would measure 2,596,271.6 m² in EPSG:32631
        // (PostGIS, as in the aggregate test), 1,805 m² less. The cells' GeoJSON has 6 decimals (about
        // 10 cm): along a 6 km outline that moves the area by at most a few hundred m².
        foreach (var cell in cells.Take(5))
            Assert.Equal(3 * Math.Sqrt(3) / 2 * 1000 * 1000, await UtmAreaAsync(cell!["geometry"]!), 400.0);
    }
}

/// <summary>Privacy:Srid set by hand to a CRS no analysis measures in (Lambert 72) stops the start.</summary>
public class UnsupportedSridTests
{
    private sealed class Lambert72App : SceneMonitorApp
    {
        protected override IEnumerable<(string Key, string Value)> Settings => [("Privacy:Srid", "31370")];
    }

    [Fact]
    public async Task An_explicit_unsupported_privacy_srid_refuses_to_start()
    {
        var app = new Lambert72App();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => ((IAsyncLifetime)app).InitializeAsync());
        Assert.Contains("Privacy:Srid is not a supported metric projection", e.ToString());
        await PostGisServer.DropDatabaseAsync(app.ConnectionString);
    }
}

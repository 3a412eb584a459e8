using System.Text.Json.Nodes;
using SceneMonitor.Tests.Integration.Observations;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Displacement;

/// <summary>The acceptance check of the displacement engine on the synthetic demo data, where the
/// Brussel-Zuid clearance moves part of the scene to Clemenceau, Lemonnier and Hallepoort.</summary>
public class DemoDisplacementTests(DemoSceneMonitorApp app) : IClassFixture<DemoSceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("admin");

    // Clemenceau, Lemonnier, Hallepoort (lon, lat), as in DemoScenario
    private static readonly (double Lon, double Lat)[] DisplacementSites = [(4.3296, 50.8415), (4.3429, 50.8413), (4.3440, 50.8333)];

    private async Task<JsonObject> DemoResultAsync()
    {
        var list = JsonNode.Parse(await _http.GetStringAsync("/api/interventions"))!.AsArray();
        var demo = list.Single(i => i!["name"]!.GetValue<string>().Contains("Brussel-Zuid"));
        return await _http.GetJsonAsync($"/api/interventions/{demo!["id"]}/displacement");
    }

    [Fact]
    public async Task Clearance_shows_a_significant_decrease_at_the_target()
    {
        var s = (await DemoResultAsync())["summary"]!;
        Assert.True(s["targetAfter"]!.GetValue<int>() < s["targetBefore"]!.GetValue<int>() / 2, s.ToJsonString());
        Assert.True(s["wdd"]!["local"]!.GetValue<double>() < 0);
        // The target with its nearest ring (250 m) against the region beyond: a significant decrease
        // (the wider buffers take in the places the scene moved to; see Catchment_tests).
        var narrow = s["sensitivity"]!["rows"]!.AsArray().Single(r => r!["bufferWidth"]!.GetValue<double>() == 250 && r["control"]!.GetValue<string>() == "region-beyond")!;
        Assert.True(narrow["wddHigh"]!.GetValue<double>() < 0, "the 95 % interval excludes 0");
        Assert.Equal("decrease", narrow["wddChange"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wdq_reads_as_displacement()
    {
        var wdq = (await DemoResultAsync())["summary"]!["wdq"]!["allRings"]!;
        Assert.True(wdq["successMeasure"]!.GetValue<double>() < 0);
        Assert.True(wdq["wdq"]!.GetValue<double>() < 0, wdq.ToJsonString());
        Assert.StartsWith("displacement", wdq["interpretationCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task New_or_intensified_hotspots_appear_near_the_displacement_sites_and_vectors_point_there()
    {
        var result = await DemoResultAsync();
        var gaining = result["cells"]!["features"]!.AsArray()
            .Where(f => f!["properties"]!["class"]!.GetValue<string>() is "new" or "intensified")
            .Select(f => Centroid(f!["geometry"]!)).ToList();
        foreach (var site in DisplacementSites)
            Assert.Contains(gaining, c => Metres(c, site) < 300);

        var vectorEnds = result["vectors"]!["features"]!.AsArray()
            .Select(f => f!["geometry"]!["coordinates"]![1]!).Select(p => (p[0]!.GetValue<double>(), p[1]!.GetValue<double>())).ToList();
        Assert.NotEmpty(vectorEnds);
        Assert.All(DisplacementSites, site => Assert.Contains(vectorEnds, e => Metres(e, site) < 400));
        var starts = result["vectors"]!["features"]!.AsArray().Select(f => f!["geometry"]!["coordinates"]![0]!)
            .Select(p => (p[0]!.GetValue<double>(), p[1]!.GetValue<double>()));
        Assert.All(starts, s => Assert.True(Metres(s, (4.3360, 50.8357)) < 600, "vectors start at Brussel-Zuid"));
    }

    [Fact]
    public async Task Result_has_ellipses_centres_target_rings_and_sppt()
    {
        var result = await DemoResultAsync();
        Assert.Equal(["before", "after"], result["ellipses"]!["features"]!.AsArray().Select(f => f!["properties"]!["period"]!.GetValue<string>()));
        Assert.Equal(2, result["centres"]!["features"]!.AsArray().Count);
        var roles = result["target"]!["features"]!.AsArray().Select(f => f!["properties"]!["role"]!.GetValue<string>()).ToList();
        Assert.Equal(["target", "ring", "ring", "ring", "ring", "control"], roles);
        var sppt = result["summary"]!["sppt"]!;
        Assert.InRange(sppt["globalS"]!.GetValue<double>(), 0, 0.8); // the pattern changed: not "similar"
        Assert.True(result["summary"]!["centreShift"]!["distance"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task Same_parameters_give_the_same_saved_result()
    {
        var first = await DemoResultAsync();
        var second = await DemoResultAsync();
        Assert.Equal(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        var saved = await _http.GetJsonAsync($"/api/analyses/{first["id"]}");
        Assert.Equal(first["summary"]!.ToJsonString(), saved["summary"]!.ToJsonString());
        await ObservationApi.ProblemAsync(await _http.GetAsync($"/api/analyses/{Guid.NewGuid()}"), 404);
    }

    private static (double Lon, double Lat) Centroid(JsonNode polygon)
    {
        var ring = polygon["coordinates"]![0]!.AsArray().Select(p => (p![0]!.GetValue<double>(), p[1]!.GetValue<double>())).ToList();
        return (ring.Average(p => p.Item1), ring.Average(p => p.Item2));
    }

    private static double Metres((double Lon, double Lat) a, (double Lon, double Lat) b) =>
        Math.Sqrt(Math.Pow((a.Lon - b.Lon) * 111_320 * Math.Cos(a.Lat * Math.PI / 180), 2) + Math.Pow((a.Lat - b.Lat) * 110_574, 2));
}

using System.Text.Json.Nodes;
using SceneMonitor.Tests.Integration.Observations;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Displacement;

/// <summary>The acceptance check of the displacement engine on the synthetic demo data, where the
/// Brussel-Zuid clearance moves part of the scene to Clemenceau, Lemonnier and Hallepoort.</summary>
public class DemoDisplacementTests(DemoSceneMonitorApp app) : IClassFixture<DemoSceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("admin");

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
    public async Task Hot_spot_classes_stay_as_context_the_station_was_hot_before()
    {
        // Gi* with 999 conditional permutations and FDR (the defaults): the station's cluster is a hot spot
        // before the clearance and no longer after; whether the sites rose is the change test's question
        // (DemoChangeTests), not the bins'.
        var result = await DemoResultAsync();
        var stationCells = result["cells"]!["features"]!.AsArray()
            .Where(f => Metres(Centroid(f!["geometry"]!), (4.3360, 50.8357)) < 200).Select(f => f!["properties"]!).ToList();
        Assert.NotEmpty(stationCells);
        Assert.Contains(stationCells, p => p!["binA"]!.GetValue<int>() > 0 && p["class"]!.GetValue<string>() is "disappeared" or "diminished");
        Assert.Equal("permutation", result["summary"]!["gi"]!["pValues"]!.GetValue<string>());
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

    internal static (double Lon, double Lat) Centroid(JsonNode polygon)
    {
        var ring = polygon["coordinates"]![0]!.AsArray().Select(p => (p![0]!.GetValue<double>(), p[1]!.GetValue<double>())).ToList();
        return (ring.Average(p => p.Item1), ring.Average(p => p.Item2));
    }

    internal static double Metres((double Lon, double Lat) a, (double Lon, double Lat) b) =>
        Math.Sqrt(Math.Pow((a.Lon - b.Lon) * 111_320 * Math.Cos(a.Lat * Math.PI / 180), 2) + Math.Pow((a.Lat - b.Lat) * 110_574, 2));
}

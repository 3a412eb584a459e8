using System.Text.Json.Nodes;
using SceneMonitor.Tests.Integration.Observations;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Displacement;

/// <summary>
/// The tested change per cell on the synthetic demo data (places in SceneMonitor.Core/Demo/DemoScenario.cs):
/// the Brussel-Zuid clearance must come out as a significant decrease at the station and significant
/// increases at Clemenceau, Lemonnier and Hallepoort, with vectors from the station to each; for an
/// admin (exact points) and for an analyst (the coarse view: 50 m grid points, whole hours).
/// </summary>
public class DemoChangeTests(DemoSceneMonitorApp app) : IClassFixture<DemoSceneMonitorApp>
{
    private static readonly (double Lon, double Lat) Station = (4.3360, 50.8357);

    private static readonly (string Name, double Lon, double Lat)[] Sites =
        [("Clemenceau", 4.3296, 50.8415), ("Lemonnier", 4.3429, 50.8413), ("Hallepoort", 4.3440, 50.8333)];

    [Theory]
    [InlineData("admin")]
    [InlineData("analyst")]
    public async Task Station_decreases_the_three_sites_increase_and_vectors_join_them(string role)
    {
        var http = app.ClientFor(role);
        var list = JsonNode.Parse(await http.GetStringAsync("/api/interventions"))!.AsArray();
        var demo = list.Single(i => i!["name"]!.GetValue<string>().Contains("Brussel-Zuid"));
        var result = await http.GetJsonAsync($"/api/interventions/{demo!["id"]}/displacement");
        Assert.Equal(role == "analyst" ? "coarse" : "exact", result["parameters"]!["view"]!.GetValue<string>());

        var cells = result["cells"]!["features"]!.AsArray().Select(f => f!).ToList();
        Assert.Equal("decrease", Nearest(cells, Station)["properties"]!["change"]!.GetValue<string>());
        Assert.True(Nearest(cells, Station)["properties"]!["changeP"]!.GetValue<double>() < 0.05);
        foreach (var (name, lon, lat) in Sites)
            Assert.True(Nearest(cells, (lon, lat))["properties"]!["change"]!.GetValue<string>() == "increase", $"{name} ({role})");

        var vectors = result["vectors"]!["features"]!.AsArray().Select(f => f!).ToList();
        foreach (var (name, lon, lat) in Sites)
            Assert.True(vectors.Any(v => Metres(End(v, 0), Station) < 400 && Metres(End(v, 1), (lon, lat)) < 400),
                $"a vector from the station to {name} ({role})");
        Assert.All(vectors, v => Assert.True(Metres(End(v, 0), Station) < 400, "every vector starts at the station"));
        var main = vectors.OrderByDescending(v => v["properties"]!["weight"]!.GetValue<double>()).First()["properties"]!;
        Assert.True(main["fromCount"]!["after"]!.GetValue<double>() < main["fromCount"]!["before"]!.GetValue<double>());
        Assert.True(main["toCount"]!["after"]!.GetValue<double>() > main["toCount"]!["before"]!.GetValue<double>());

        var summary = result["summary"]!;
        var change = summary["cellChange"]!;
        Assert.Equal("conditional-binomial", change["test"]!.GetValue<string>());
        Assert.Equal("BY", change["adjustment"]!.GetValue<string>());
        Assert.True(change["increase"]!.GetValue<int>() >= 3 && change["decrease"]!.GetValue<int>() >= 1, change.ToJsonString());
        var gi = summary["gi"]!;
        Assert.Equal("permutation", gi["pValues"]!.GetValue<string>());
        Assert.Equal(999, gi["permutations"]!.GetValue<int>());
        Assert.True(gi["fdr"]!.GetValue<bool>());
        Assert.Equal("proportion", summary["sppt"]!["method"]!.GetValue<string>());
        Assert.Equal("BY", summary["sppt"]!["adjustment"]!.GetValue<string>());
        Assert.Equal("proportion", result["parameters"]!["sppt"]!["method"]!.GetValue<string>());
    }

    private static JsonNode Nearest(List<JsonNode> cells, (double Lon, double Lat) place) =>
        cells.MinBy(c => Metres(Centroid(c["geometry"]!), place))!;

    private static (double Lon, double Lat) End(JsonNode vector, int k)
    {
        var p = vector["geometry"]!["coordinates"]![k]!;
        return (p[0]!.GetValue<double>(), p[1]!.GetValue<double>());
    }

    private static (double Lon, double Lat) Centroid(JsonNode polygon) => DemoDisplacementTests.Centroid(polygon);

    private static double Metres((double Lon, double Lat) a, (double Lon, double Lat) b) => DemoDisplacementTests.Metres(a, b);
}

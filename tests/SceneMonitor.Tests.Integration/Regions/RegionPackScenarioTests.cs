using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Regions;

/// <summary>The same representative set against both shipped region packs: posting and refusing
/// observations, an Open311 post, a CSV export, the OGC areas and observations collections, counts per
/// neighbourhood (aggregates), the info the page starts from, and the region id on the stored rows.
/// The points and the district each lies in were found independently of PostGIS, by a ray-casting
/// point-in-polygon test in python3 over the pack's GeoJSON (docs/region-packs.md, "Tests").</summary>
public abstract class RegionPackScenarioTests(SceneMonitorApp app, RegionCase region)
{
    [Fact]
    public async Task Info_names_the_region_and_its_layers_from_the_manifest()
    {
        var info = JsonNode.Parse(await app.ClientFor("recorder").GetStringAsync("/api/info"))!["region"]!;
        Assert.Equal(region.Id, info["id"]!.GetValue<string>());
        Assert.Equal(region.NameEn, info["names"]!["en"]!.GetValue<string>());
        Assert.Equal("Europe/Brussels", info["timeZone"]!.GetValue<string>());
        Assert.Equal(region.LayerKinds, info["layers"]!.AsArray().Select(l => l!["kind"]!.GetValue<string>()).ToArray());
        Assert.False(JsonNode.Parse(await app.ClientFor("recorder").GetStringAsync("/api/info"))!["syntheticDemoData"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Observations_inside_are_stored_with_the_region_id_and_outside_refused_naming_the_region()
    {
        var source = $"region_{Guid.NewGuid():N}"[..20];
        var recorder = app.ClientFor("recorder");
        var created = await recorder.PostAsJsonAsync("/api/observations", Observation(source, region.Inside));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal(region.Id, await app.ScalarAsync<string>("SELECT region FROM observations WHERE source = @s", ("s", source)));

        var refused = await recorder.PostAsJsonAsync("/api/observations", Observation(source, region.Outside));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var detail = (await refused.Content.ReadAsStringAsync());
        Assert.Contains($"outside the service region ({region.NameEn} plus 2000 m)", detail);
    }

    [Fact]
    public async Task Boundaries_are_the_packs_with_the_region_id()
    {
        Assert.Equal(region.Neighbourhoods, await app.ScalarAsync<long>("SELECT count(*) FROM areas WHERE kind = 'Neighbourhood' AND region = @r", ("r", region.Id)));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM areas WHERE region <> @r", ("r", region.Id)));
        var items = JsonNode.Parse(await app.ClientFor("analyst").GetStringAsync("/ogc/collections/areas/items?limit=1000&f=json"))!;
        var kinds = items["features"]!.AsArray().GroupBy(f => f!["properties"]!["kind"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(region.Neighbourhoods, kinds["neighbourhood"]);
        Assert.Equal(1, kinds["region"]);
    }

    [Fact]
    public async Task Open311_export_ogc_and_aggregates_count_the_region_s_observations()
    {
        var source = $"region_{Guid.NewGuid():N}"[..20];
        var recorder = app.ClientFor("recorder");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await recorder.PostAsJsonAsync("/api/observations", Observation(source, region.Inside, minute: i))).StatusCode);

        // Open311: a complaint inside is stored, one outside is refused.
        var key = await KeyAsync();
        var open311 = await app.ClientFor("anonymous").PostAsync("/open311/v2/requests.json", Form(key, region.Inside));
        Assert.Equal(HttpStatusCode.Created, open311.StatusCode);
        var outside = await app.ClientFor("anonymous").PostAsync("/open311/v2/requests.json", Form(key, region.Outside));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains(region.NameEn, await outside.Content.ReadAsStringAsync());

        var analyst = app.ClientFor("analyst");
        var csv = await analyst.GetStringAsync($"/api/exports/observations?source={source}&format=csv");
        Assert.Equal(1 + 3, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 3 rows

        var ogc = JsonNode.Parse(await analyst.GetStringAsync($"/ogc/collections/observations/items?filter=source%3D%27{source}%27&f=json"))!;
        Assert.Equal(3, ogc["features"]!.AsArray().Count);

        var perArea = JsonNode.Parse(await analyst.GetStringAsync($"/api/aggregates/areas?kind=neighbourhood&source={source}"))!;
        var counted = perArea["features"]!.AsArray().Where(f => f!["properties"]!["count"]?.GetValue<int>() > 0).ToList();
        var only = Assert.Single(counted);
        Assert.Equal(3, only!["properties"]!["count"]!.GetValue<int>());
        Assert.Contains(region.District, only["properties"]!["name"]!.GetValue<string>());
    }

    private async Task<string> KeyAsync()
    {
        var created = await app.ClientFor("admin").PostAsJsonAsync("/api/admin/api-keys", new { name = $"open311 {Guid.NewGuid():N}", role = "recorder", organisation = "city-complaints" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    private static FormUrlEncodedContent Form(string key, (double Lon, double Lat) at) => new(new Dictionary<string, string>
    {
        ["api_key"] = key, ["service_code"] = "complaint", ["requested_datetime"] = "2025-06-01T21:30:00+02:00",
        ["lat"] = at.Lat.ToString(System.Globalization.CultureInfo.InvariantCulture), ["long"] = at.Lon.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static object Observation(string source, (double Lon, double Lat) at, int minute = 0) => new
    {
        category = "syringe", longitude = at.Lon, latitude = at.Lat, observedAt = $"2025-06-01T12:{minute:00}:00Z", source,
    };
}

/// <summary>What each pack's tests expect; district names from the pack's GeoJSON (see above).</summary>
public sealed record RegionCase(string Id, string NameEn, (double, double) Inside, (double, double) Outside, string District, long Neighbourhoods, string[] LayerKinds)
{
    // Near Brussels-South station: IBSA district 804 GARE DU MIDI / ZUIDSTATION; 145 IBSA districts.
    public static readonly RegionCase Brussels = new("brussels", "Brussels-Capital Region", (4.3360, 50.8357), (3.7250, 51.0543), "Gare Du Midi", 145, ["municipality", "neighbourhood"]);
    // Korenmarkt area: district 1 Binnenstad; 25 stadswijken.
    public static readonly RegionCase Ghent = new("ghent", "Ghent", (3.7250, 51.0543), (4.3360, 50.8357), "Binnenstad", 25, ["neighbourhood"]);
}

public class BrusselsPackScenarioTests(SceneMonitorApp app) : RegionPackScenarioTests(app, RegionCase.Brussels), IClassFixture<SceneMonitorApp>;

public class GhentPackScenarioTests(GhentSceneMonitorApp app) : RegionPackScenarioTests(app, RegionCase.Ghent), IClassFixture<GhentSceneMonitorApp>;

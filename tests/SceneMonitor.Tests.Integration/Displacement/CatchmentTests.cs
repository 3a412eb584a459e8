using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Projection;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Displacement;

/// <summary>Rings, control and the sensitivity table on the demo clearance (real PostGIS, real HTTP).</summary>
public class CatchmentTests(DemoSceneMonitorApp app) : IClassFixture<DemoSceneMonitorApp>
{
    private readonly HttpClient _admin = app.ClientFor("admin");
    private readonly HttpClient _analyst = app.ClientFor("analyst");

    private async Task<int> DemoIdAsync() =>
        (await _admin.GetFromJsonAsync<JsonArray>("/api/interventions"))!.Single(i => i!["name"]!.GetValue<string>().Contains("Brussel-Zuid"))!["id"]!.GetValue<int>();

    [Fact]
    public async Task Default_rings_reach_the_control_and_the_table_repeats_the_main_result()
    {
        var result = await _admin.GetJsonAsync($"/api/interventions/{await DemoIdAsync()}/displacement");
        var s = result["summary"]!;
        var c = s["catchment"]!;
        Assert.Equal([250.0, 500, 750, 1000], c["rings"]!.AsArray().Select(x => x!.GetValue<double>()));
        Assert.Equal(1000, c["controlFrom"]!.GetValue<double>());
        Assert.Null(c["gap"]);
        Assert.Equal("region-beyond", c["control"]!["kind"]!.GetValue<string>());
        Assert.Equal("EPSG:3812", c["distances"]!.GetValue<string>());
        Assert.Contains("every distance", result["parameters"]!["crs"]!.GetValue<string>());

        var rows = s["sensitivity"]!["rows"]!.AsArray();
        Assert.Equal([250.0, 500, 750, 1000], rows.Select(r => r!["bufferWidth"]!.GetValue<double>()));
        // The 1 000 m row is the main catchment (same bands, same formulas): it repeats its figures.
        var main = s["wdq"]!["allRings"]!;
        var wide = rows[3]!;
        Assert.Equal(main["wdq"]!.GetValue<double>(), wide["wdq"]!.GetValue<double>());
        Assert.Equal(main["totalNetEffect"]!.GetValue<double>(), wide["tne"]!.GetValue<double>());
        Assert.Equal(s["wdd"]!["total"]!.GetValue<double>(), wide["wdd"]!.GetValue<double>());
        Assert.Equal(s["wdq"]!["controlBefore"]!.GetValue<int>(), wide["controlBefore"]!.GetValue<int>());
        // The rings sum to the buffer: 0–250 m is the first ring.
        Assert.Equal(s["wdq"]!["rings"]![0]!["before"]!.GetValue<int>(), rows[0]!["bufferBefore"]!.GetValue<int>());

        // Widening the buffer takes in Clemenceau and Lemonnier (500–1 000 m): the WDQ falls at every
        // step and the reading changes, so the table must say it does not hold.
        var wdq = rows.Select(r => r!["wdq"]!.GetValue<double>()).ToList();
        Assert.True(wdq.Zip(wdq.Skip(1)).All(p => p.Second < p.First), string.Join(", ", wdq));
        Assert.False(s["sensitivity"]!["holds"]!.GetValue<bool>());
        Assert.Contains("depends on the buffer width", s["sensitivity"]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ring_areas_are_planar_buffers_in_lambert_2008()
    {
        // A convex target: the area within r of it is A + P·r + π·r² (Steiner), A and P measured here
        // in EPSG:3812 with the project's own projection (the tested code draws buffers in PostGIS).
        var target = new[] { (4.3400, 50.8400), (4.3440, 50.8400), (4.3440, 50.8425), (4.3400, 50.8425) };
        var xy = target.Select(p => LambertConformalConic.BelgianLambert2008.Forward(new LonLat(p.Item1, p.Item2))).ToArray();
        double area = 0, perimeter = 0;
        for (var i = 0; i < 4; i++)
        {
            var (a, b) = (xy[i], xy[(i + 1) % 4]);
            area += a.X * b.Y - b.X * a.Y;
            perimeter += Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
        }
        area = Math.Abs(area) / 2;
        var polygon = new { type = "Polygon", coordinates = new[] { target.Append(target[0]).Select(p => new[] { p.Item1, p.Item2 }).ToArray() } };
        var response = await _admin.PostAsJsonAsync("/api/displacement", new
        {
            area = new[] { 4.33, 50.83, 4.36, 50.85 }, target = polygon, rings = new[] { 100.0, 300.0 },
            before = new { from = "2001-01-01T00:00:00Z", to = "2001-02-01T00:00:00Z" },
            after = new { from = "2001-02-01T00:00:00Z", to = "2001-03-01T00:00:00Z" },
        });
        var zones = (await response.Content.ReadFromJsonAsync<JsonObject>())!["target"]!["features"]!.AsArray().Select(f => f!["properties"]!).ToList();
        double Within(double r) => area + perimeter * r + Math.PI * r * r;
        Assert.Equal(area, zones[0]!["areaM2"]!.GetValue<double>(), area * 1e-4 + 1);
        Assert.Equal(Within(100) - area, zones[1]!["areaM2"]!.GetValue<double>(), (Within(100) - area) * 2e-4);
        Assert.Equal(Within(300) - Within(100), zones[2]!["areaM2"]!.GetValue<double>(), (Within(300) - Within(100)) * 2e-4);
        Assert.Equal("control", zones[3]!["role"]!.GetValue<string>());
        Assert.Equal(300, zones[3]!["inner"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_gap_and_a_chosen_control_are_shown_and_bad_fields_named()
    {
        var id = await DemoIdAsync();
        var suggestions = await _analyst.GetJsonAsync($"/api/displacement/control-suggestions?intervention={id}&limit=3");
        var ranked = suggestions["suggestions"]!.AsArray();
        Assert.Equal(3, ranked.Count);
        var scores = ranked.Select(r => r!["score"]!.GetValue<double>()).ToList();
        Assert.Equal(scores.Order(), scores);
        Assert.All(ranked, r => Assert.False(string.IsNullOrEmpty(r!["nameNl"]?.GetValue<string>()), r!.ToJsonString()));
        Assert.All(ranked, r => Assert.Contains("a week", r!["why"]!.GetValue<string>()));
        Assert.True(suggestions["target"]!["before"]!.GetValue<int>() > 1000);

        var chosen = ranked.Take(2).Select(r => r!["id"]!.GetValue<int>()).Order().ToList();
        var result = await _analyst.GetJsonAsync($"/api/interventions/{id}/displacement?rings=250,500&controlFrom=1000&controlAreas={string.Join(",", chosen)}");
        var c = result["summary"]!["catchment"]!;
        Assert.Equal(500, c["gap"]!["inner"]!.GetValue<double>());
        Assert.Equal(1000, c["gap"]!["outer"]!.GetValue<double>());
        Assert.Equal("area", c["control"]!["kind"]!.GetValue<string>());
        Assert.Equal(chosen, c["control"]!["areaIds"]!.AsArray().Select(x => x!.GetValue<int>()));
        Assert.Contains(ranked[0]!["name"]!.GetValue<string>(), c["control"]!["label"]!.GetValue<string>());
        var rows = result["summary"]!["sensitivity"]!["rows"]!.AsArray();
        Assert.Equal(8, rows.Count); // four widths, each against the region beyond and the chosen control
        // With rings to 500 m and the chosen control, the 500 m "chosen" row is the main result.
        var row = rows.Single(r => r!["bufferWidth"]!.GetValue<double>() == 500 && r["control"]!.GetValue<string>() == "chosen")!;
        Assert.Equal(result["summary"]!["wdq"]!["allRings"]!["wdq"]!.GetValue<double>(), row["wdq"]!.GetValue<double>());

        foreach (var (query, field) in new[] { ("rings=500,250", "rings"), ("rings=250,500&controlFrom=300", "controlFrom"), ("controlAreas=999999", "controlAreas"), ("rings=x", "rings") })
        {
            var problem = await ProblemAsync(await _analyst.GetAsync($"/api/interventions/{id}/displacement?{query}"), 422);
            Assert.NotNull(problem["errors"]![field]);
        }
    }
}

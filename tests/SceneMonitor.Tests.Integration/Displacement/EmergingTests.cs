using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Integration.Observations;
using SceneMonitor.Tests.Support;

namespace SceneMonitor.Tests.Integration.Displacement;

/// <summary>Emerging Hot Spot analysis over the 18 demo months: the places the scene moved to after
/// the Brussel-Zuid clearance become hot late and trend up; the station trends down.</summary>
public class EmergingTests(DemoSceneMonitorApp app) : IClassFixture<DemoSceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("analyst");

    private async Task<JsonObject> DemoEmergingAsync()
    {
        var to = DateTimeOffset.UtcNow.UtcDateTime.Date;
        var response = await _http.PostAsJsonAsync("/api/emerging", new
        {
            area = new[] { 4.31, 50.825, 4.36, 50.85 }, from = to.AddMonths(-18), to, periods = 9, cellSize = 150,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [Fact]
    public async Task Displacement_sites_emerge_and_trend_up_while_the_station_trends_down()
    {
        var result = await DemoEmergingAsync();
        Assert.Equal(9, result["periods"]!.AsArray().Count);
        var cells = result["cells"]!["features"]!.AsArray();
        var total = cells.Sum(c => c!["properties"]!["counts"]!.AsArray().Sum(n => n!.GetValue<int>()));
        Assert.Equal(result["summary"]!["total"]!.GetValue<int>(), total);

        foreach (var site in new[] { (4.3296, 50.8415), (4.3429, 50.8413), (4.3440, 50.8333) }) // Clemenceau, Lemonnier, Hallepoort
        {
            var cell = Nearest(cells, site);
            Assert.Contains(cell["category"]!.GetValue<string>(), new[] { "new_hot", "consecutive_hot", "intensifying_hot" });
            Assert.True(cell["trendZ"]!.GetValue<double>() > 0, cell.ToJsonString());
        }
        var station = Nearest(cells, (4.3360, 50.8357));
        Assert.True(station["trendZ"]!.GetValue<double>() < 0, station.ToJsonString());
    }

    [Theory]
    [InlineData("""{"area":[4.31,50.825,4.36,50.85],"from":"2025-01-01","to":"2025-07-01","periods":2}""", "periods")]
    [InlineData("""{"area":[4.31,50.825,4.36,50.85],"from":"2025-07-01","to":"2025-01-01"}""", "to")]
    [InlineData("""{"from":"2025-01-01","to":"2025-07-01"}""", "area")]
    [InlineData("""{"area":[4.31,50.825,4.36,50.85],"from":"2025-01-01","to":"2025-07-01","grid":"round"}""", "grid")]
    public async Task Bad_requests_name_the_field(string json, string field)
    {
        var problem = await ObservationApi.ProblemAsync(await _http.PostAsync("/api/emerging", new StringContent(json, Encoding.UTF8, "application/json")), 422);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    private static JsonNode Nearest(JsonArray cells, (double Lon, double Lat) site) => cells
        .OrderBy(c =>
        {
            var ring = c!["geometry"]!["coordinates"]![0]!.AsArray();
            var lon = ring.Average(p => p![0]!.GetValue<double>());
            var lat = ring.Average(p => p![1]!.GetValue<double>());
            return Math.Pow((lon - site.Lon) * 70_000, 2) + Math.Pow((lat - site.Lat) * 111_000, 2);
        })
        .First()!["properties"]!;
}

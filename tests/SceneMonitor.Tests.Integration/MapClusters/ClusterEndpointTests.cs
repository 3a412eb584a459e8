using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Integration.Security;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.MapClusters;

/// <summary>GET /api/map/clusters against real PostGIS: counts, filters, zoom, and what each role sees.</summary>
public class ClusterEndpointTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private const string Region = "4.24,50.76,4.48,50.92";
    private readonly HttpClient _recorder = app.ClientFor("recorder");

    private async Task AddAsync(params object[] observations)
    {
        var response = await _recorder.PostAsJsonAsync("/api/observations/batch", new { observations });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>n observations on a small ring (by default about 30 m) around a place, categories taken in turn.
    /// Places are chosen away from cell edges at the zooms used (checked by hand in Web Mercator).</summary>
    private static IEnumerable<object> Around(string source, double lon, double lat, int n, string[] categories, DateTimeOffset? at = null, double spread = 0.0003) =>
        Enumerable.Range(0, n).Select(i => Observation(source, lon + spread * Math.Cos(i), lat + spread * 0.66 * Math.Sin(i),
            categories[i % categories.Length], at: (at ?? BaseTime).AddMinutes(i)));

    private static List<JsonObject> Cells(JsonObject response) => response["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
    private static int Total(JsonObject response) => response["total"]!.GetValue<int>();

    [Fact]
    public async Task Counts_per_category_add_up_to_each_cell_and_the_cells_to_the_filtered_total()
    {
        var s = UniqueSource();
        string[] categories = ["syringe", "discarded_pipe", "complaint"];
        await AddAsync([.. Around(s, 4.3360, 50.8357, 31, categories), .. Around(s, 4.3618, 50.8604, 14, categories), .. Around(s, 4.2866, 50.8352, 5, ["syringe"])]);

        var response = await _recorder.GetJsonAsync($"/api/map/clusters?bbox={Region}&zoom=14&source={s}");
        var cells = Cells(response);
        Assert.Equal(50, Total(response));
        Assert.Equal(50, cells.Sum(c => c["count"]!.GetValue<int>()));
        Assert.Equal((await _recorder.AllIdsAsync($"/api/observations?source={s}")).Count, Total(response));
        Assert.True(cells.Count >= 3, "three places kilometres apart are three cells at zoom 14");
        foreach (var c in cells)
        {
            var perCategory = c["categories"]!.AsObject().Sum(p => p.Value!.GetValue<int>());
            Assert.Equal(c["count"]!.GetValue<int>(), perCategory);
            var b = c["bbox"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            Assert.InRange(c["lon"]!.GetValue<double>(), b[0], b[2]);
            Assert.InRange(c["lat"]!.GetValue<double>(), b[1], b[3]);
        }
        var syringes = cells.Sum(c => c["categories"]!["syringe"]?.GetValue<int>() ?? 0);
        Assert.Equal(11 + 5 + 5, syringes); // every third of 31 and 14, and all 5 at Peterbos
        Assert.Equal(5000, response["pointThreshold"]!.GetValue<int>());
        Assert.Null(response["minCount"]);

        var filtered = await _recorder.GetJsonAsync($"/api/map/clusters?bbox={Region}&zoom=14&source={s}&category=complaint");
        Assert.Equal(10 + 4, Total(filtered));
        Assert.All(Cells(filtered), c => Assert.Equal(["complaint"], c["categories"]!.AsObject().Select(p => p.Key)));
    }

    /// <summary>'points' (MapClusters:PointsFromZoom 14, FewPoints 300, PointThreshold 5000 in
    /// appsettings.json): below zoom 14 a view of more than 300 stays cells, so the map's first
    /// view does not download and cluster a thousand points in the browser; few points show at any zoom.</summary>
    [Fact]
    public async Task The_answer_says_when_the_page_should_load_points()
    {
        var s = UniqueSource();
        await AddAsync([.. Around(s, 4.3360, 50.8357, 290, ["syringe"]), .. Around(s, 4.3618, 50.8604, 11, ["complaint"])]);

        var wide = await _recorder.GetJsonAsync($"/api/map/clusters?bbox={Region}&zoom=12&source={s}");
        Assert.Equal(301, Total(wide));
        Assert.False(wide["points"]!.GetValue<bool>());
        // What the page needs to skip the clusters request when zooming in (views/observations.js).
        Assert.Equal((5000, 14.0), (wide["pointThreshold"]!.GetValue<int>(), wide["pointsFromZoom"]!.GetValue<double>()));
        var close = await _recorder.GetJsonAsync($"/api/map/clusters?bbox={Region}&zoom=14&source={s}");
        Assert.True(close["points"]!.GetValue<bool>());
        var few = await _recorder.GetJsonAsync($"/api/map/clusters?bbox={Region}&zoom=12&source={s}&category=syringe");
        Assert.Equal(290, Total(few));
        Assert.True(few["points"]!.GetValue<bool>());

        var from = BaseTime.UtcDateTime.Date.AddDays(-2).ToString("yyyy-MM-dd");
        var to = BaseTime.UtcDateTime.Date.AddDays(2).ToString("yyyy-MM-dd");
        var planner = await app.ClientFor("planner").GetJsonAsync($"/api/map/clusters?bbox={Region}&zoom=16&source={s}&category=complaint&from={from}&to={to}");
        Assert.False(planner["points"]!.GetValue<bool>()); // planners never load points
    }

    [Fact]
    public async Task The_bbox_and_the_period_filter_the_cells()
    {
        var s = UniqueSource();
        var early = BaseTime.AddDays(-40);
        await AddAsync([.. Around(s, 4.3360, 50.8357, 6, ["syringe"], early), .. Around(s, 4.3360, 50.8357, 4, ["syringe"]), .. Around(s, 4.3618, 50.8604, 7, ["syringe"])]);

        var south = await _recorder.GetJsonAsync($"/api/map/clusters?bbox=4.32,50.82,4.35,50.85&zoom=15&source={s}");
        Assert.Equal(10, Total(south));
        Assert.All(Cells(south), c => Assert.InRange(c["lat"]!.GetValue<double>(), 50.82, 50.85));

        var from = Uri.EscapeDataString(BaseTime.AddDays(-1).ToString("O"));
        var to = Uri.EscapeDataString(BaseTime.AddDays(1).ToString("O"));
        Assert.Equal(11, Total(await _recorder.GetJsonAsync($"/api/map/clusters?bbox={Region}&zoom=15&source={s}&from={from}&to={to}")));
        Assert.Equal(6, Total(await _recorder.GetJsonAsync($"/api/map/clusters?bbox={Region}&zoom=15&source={s}&to={from}")));
    }

    [Fact]
    public async Task A_higher_zoom_makes_smaller_cells()
    {
        var s = UniqueSource();
        // Five places 145 m apart along a street (six zoom-18 cells), each within a metre or so.
        await AddAsync([.. Enumerable.Range(0, 5).SelectMany(k => Around(s, 4.3360 + 0.00206 * k, 50.8357, 3, ["syringe"], spread: 0.00001))]);

        var z12 = await _recorder.GetJsonAsync($"/api/map/clusters?bbox={Region}&zoom=12&source={s}");
        var z13 = await _recorder.GetJsonAsync($"/api/map/clusters?bbox={Region}&zoom=13&source={s}");
        var z18 = await _recorder.GetJsonAsync($"/api/map/clusters?bbox=4.33,50.83,4.35,50.84&zoom=18&source={s}");
        Assert.Equal(z12["cellSize"]!.GetValue<double>() / 2, z13["cellSize"]!.GetValue<double>(), 2);
        Assert.InRange(z12["cellSize"]!.GetValue<double>(), 2400, 2500); // 64 px of 38.2 m at zoom 12
        Assert.True(Cells(z12).Count <= 2, $"600 m of street fits one or two 2.4 km cells, got {Cells(z12).Count}");
        Assert.Equal(5, Cells(z18).Count);
        Assert.All(Cells(z18), c => Assert.Equal(3, c["count"]!.GetValue<int>()));
        Assert.Equal(15, Total(z12));
        Assert.Equal(15, Total(z18));
        var coarser = await _recorder.GetJsonAsync($"/api/map/clusters?bbox=4.33,50.83,4.35,50.84&zoom=18&cellPixels=512&source={s}");
        Assert.True(Cells(coarser).Count < 5);
    }

    [Fact]
    public async Task Planners_see_no_cell_below_k_and_no_categories_beside_one_below_k()
    {
        var s = UniqueSource();
        await AddAsync([.. Around(s, 4.3360, 50.8357, 4, ["syringe"]), .. Around(s, 4.3360, 50.8357, 1, ["complaint"]), .. Around(s, 4.2866, 50.8352, 2, ["syringe"])]);
        const string url = "/api/map/clusters?bbox=4.28,50.80,4.40,50.90&zoom=14&source=";

        var planner = await app.ClientFor("planner").GetJsonAsync(url + s);
        var cell = Assert.Single(Cells(planner));
        Assert.Equal(5, cell["count"]!.GetValue<int>());
        // A category of 1 hides every category of the cell (the count 5 stays), or 5 − 4 would give it.
        Assert.Empty(cell["categories"]!.AsObject());
        Assert.Equal(5, cell["pooled"]!.GetValue<int>());
        Assert.Equal(5, Total(planner));
        Assert.Equal(1, planner["hiddenCells"]!.GetValue<int>());
        Assert.Equal(3, planner["minCount"]!.GetValue<int>());
        // The bbox is the cell (64 px at zoom 14: 0.0055° of longitude), not its members' 0.0006° spread.
        var b = cell["bbox"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.InRange(b[2] - b[0], 0.0054, 0.0056);

        var analyst = await app.ClientFor("analyst").GetJsonAsync(url + s);
        Assert.Equal([2, 5], Cells(analyst).Select(c => c["count"]!.GetValue<int>()).Order());
        Assert.Equal(7, Total(analyst));
        Assert.Null(Cells(analyst)[0]["pooled"]);
    }

    [Fact]
    public async Task Analysts_count_coarsened_positions_recorders_exact_ones()
    {
        var s = UniqueSource();
        await AddAsync(Observation(s, 4.33613, 50.83577));
        const string url = "/api/map/clusters?bbox=4.335,50.835,4.337,50.837&zoom=19&source=";

        var exact = Assert.Single(Cells(await _recorder.GetJsonAsync(url + s)));
        Assert.Equal(4.33613, exact["lon"]!.GetValue<double>(), 6);
        Assert.Equal(50.83577, exact["lat"]!.GetValue<double>(), 6);
        var coarse = Assert.Single(Cells(await app.ClientFor("analyst").GetJsonAsync(url + s)));
        double lon = coarse["lon"]!.GetValue<double>(), lat = coarse["lat"]!.GetValue<double>();
        Assert.Equal(0, await RoleMatrixTests.OffGridAsync(app, [lon], [lat], 50));
        Assert.Equal(1, await RoleMatrixTests.OffGridAsync(app, [4.33613], [50.83577], 50));
        var b = coarse["bbox"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal([lon, lat, lon, lat], b);
    }

    [Theory]
    [InlineData("zoom=12", "bbox")]
    [InlineData("bbox=4.3,50.8,4.4&zoom=12", "bbox")]
    [InlineData("bbox=4.4,50.8,4.3,50.9&zoom=12", "bbox")]
    [InlineData("bbox=4.3,50.8,4.4,50.9", "zoom")]
    [InlineData("bbox=4.3,50.8,4.4,50.9&zoom=23", "zoom")]
    [InlineData("bbox=4.3,50.8,4.4,50.9&zoom=NaN", "zoom")]
    [InlineData("bbox=4.3,50.8,4.4,50.9&zoom=12&cellPixels=2", "cellPixels")]
    [InlineData("bbox=-180,-85,180,85&zoom=16", "bbox")]
    [InlineData("bbox=4.3,50.8,4.4,50.9&zoom=12&from=yesterday", "from")]
    public async Task Bad_input_is_a_400_naming_the_field(string query, string field)
    {
        var problem = await ProblemAsync(await _recorder.GetAsync($"/api/map/clusters?{query}"), 400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }
}

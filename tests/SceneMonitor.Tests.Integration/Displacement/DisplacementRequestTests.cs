using System.Net;
using System.Net.Http.Json;
using System.Text;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Displacement;

public class DisplacementRequestTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("admin");

    private static object Square(double lon, double lat, double d) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { lon - d, lat - d }, new[] { lon + d, lat - d }, new[] { lon + d, lat + d }, new[] { lon - d, lat + d }, new[] { lon - d, lat - d } } },
    };

    private static object Request(object? area = null, object? before = null, object? after = null, string grid = "hex", double cellSize = 150) => new
    {
        area = area ?? new[] { 4.30, 50.82, 4.37, 50.86 },
        target = Square(4.336, 50.8357, 0.002),
        before = before ?? new { from = "2025-01-01T00:00:00Z", to = "2025-03-01T00:00:00Z" },
        after = after ?? new { from = "2025-03-01T00:00:00Z", to = "2025-05-01T00:00:00Z" },
        grid, cellSize,
    };

    [Fact]
    public async Task Empty_periods_give_a_clear_answer_without_nan()
    {
        var response = await _http.PostAsJsonAsync("/api/displacement", Request(before: new { from = "2001-01-01T00:00:00Z", to = "2001-02-01T00:00:00Z" },
            after: new { from = "2001-02-01T00:00:00Z", to = "2001-03-01T00:00:00Z" }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        var result = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.Equal(0, result["summary"]!["countBefore"]!.GetValue<int>());
        Assert.Null(result["summary"]!["wdq"]!["allRings"]!["wdq"]);
        Assert.StartsWith("undefined", result["summary"]!["wdq"]!["allRings"]!["interpretationCode"]!.GetValue<string>());
        Assert.NotEmpty(result["summary"]!["notes"]!.AsArray());
        Assert.Empty(result["vectors"]!["features"]!.AsArray());
    }

    [Fact]
    public async Task Handmade_move_is_found_with_square_cells()
    {
        var s = UniqueSource();
        // 30 traces at Zuid before, 5 after; 25 appear at Clemenceau after.
        var items = Enumerable.Range(0, 30).Select(i => Observation(s, 4.3360 + (i % 5) * 0.0002, 50.8357 + (i / 5) * 0.0001, at: new DateTimeOffset(2025, 2, 1, 12, 0, 0, TimeSpan.Zero)))
            .Concat(Enumerable.Range(0, 5).Select(i => Observation(s, 4.3360, 50.8357, at: new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero))))
            .Concat(Enumerable.Range(0, 25).Select(i => Observation(s, 4.3296 + (i % 5) * 0.0002, 50.8415 + (i / 5) * 0.0001, at: new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero))))
            .ToArray();
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/api/observations/batch", new { observations = items })).StatusCode);

        var result = await (await _http.PostAsJsonAsync("/api/displacement", Request(grid: "square", cellSize: 100))).Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        var summary = result!["summary"]!;
        Assert.Equal(30, summary["countBefore"]!.GetValue<int>());
        Assert.Equal(30, summary["countAfter"]!.GetValue<int>());
        Assert.Equal(30, summary["targetBefore"]!.GetValue<int>());
        Assert.Equal(5, summary["targetAfter"]!.GetValue<int>());
        var cells = result["cells"]!["features"]!.AsArray();
        Assert.Equal(60, cells.Sum(c => c!["properties"]!["countA"]!.GetValue<int>() + c["properties"]!["countB"]!.GetValue<int>()));
        Assert.Equal(5, cells[0]!["geometry"]!["coordinates"]![0]!.AsArray().Count); // square cells
        // The centre of gravity moved north-west, towards Clemenceau (bearing between 270 and 360).
        Assert.InRange(summary["centreShift"]!["bearing"]!.GetValue<double>(), 270, 360);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { """{"area":[4.3,50.82,4.37,50.86],"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""", "before" },
        { """{"area":[4.3,50.82,4.37,50.86],"before":{"from":"2025-01-01T00:00:00Z","to":"2025-04-01T00:00:00Z"},"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""", "after" },
        { """{"area":[4.3,50.82,4.37,50.86],"grid":"triangle","before":{"from":"2025-01-01T00:00:00Z","to":"2025-03-01T00:00:00Z"},"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""", "grid" },
        { """{"area":999999,"before":{"from":"2025-01-01T00:00:00Z","to":"2025-03-01T00:00:00Z"},"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""", "area" },
        { """{"area":{"type":"Point","coordinates":[4.3,50.8]},"before":{"from":"2025-01-01T00:00:00Z","to":"2025-03-01T00:00:00Z"},"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""", "area" },
        { """{"area":[4.3,50.82,4.37,50.86],"cellSize":5,"before":{"from":"2025-01-01T00:00:00Z","to":"2025-03-01T00:00:00Z"},"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""", "cellSize" },
        { """{"area":[4.0,50.5,5.0,51.5],"cellSize":25,"before":{"from":"2025-01-01T00:00:00Z","to":"2025-03-01T00:00:00Z"},"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""", "cellSize" },
        { """{"area":[4.3,50.82,4.37,50.86],"categories":["unicorn"],"before":{"from":"2025-01-01T00:00:00Z","to":"2025-03-01T00:00:00Z"},"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""", "categories" },
        { """{"area":[4.3,50.82,4.37,50.86],"spptMethod":"bootstrap","before":{"from":"2025-01-01T00:00:00Z","to":"2025-03-01T00:00:00Z"},"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""", "spptMethod" },
        { """{"area":[4.3,50.82,4.37,50.86],"permutations":100000,"before":{"from":"2025-01-01T00:00:00Z","to":"2025-03-01T00:00:00Z"},"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""", "permutations" },
    };

    [Fact]
    public async Task Resampling_sppt_is_an_option_with_its_caveat_and_the_parameters_say_which_test_ran()
    {
        var json = """{"area":[4.3,50.82,4.37,50.86],"spptMethod":"resample","permutations":0,"fdr":false,"before":{"from":"2025-01-01T00:00:00Z","to":"2025-03-01T00:00:00Z"},"after":{"from":"2025-03-01T00:00:00Z","to":"2025-05-01T00:00:00Z"}}""";
        var result = await (await _http.PostAsync("/api/displacement", new StringContent(json, Encoding.UTF8, "application/json")))
            .Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Equal("resample", result!["parameters"]!["sppt"]!["method"]!.GetValue<string>());
        Assert.Equal(200, result["parameters"]!["sppt"]!["samples"]!.GetValue<int>());
        Assert.Equal("normal", result["parameters"]!["gi"]!["pValues"]!.GetValue<string>());
        Assert.False(result["parameters"]!["fdr"]!.GetValue<bool>());
        var sppt = result["summary"]!["sppt"]!;
        Assert.Equal("resample", sppt["method"]!.GetValue<string>());
        Assert.Contains("liberal", sppt["note"]!.GetValue<string>());
        Assert.Equal("normal", result["summary"]!["gi"]!["pValues"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_name_the_field(string json, string field)
    {
        var problem = await ProblemAsync(await _http.PostAsync("/api/displacement", new StringContent(json, Encoding.UTF8, "application/json")), 422);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task Intervention_crud_validates_and_round_trips()
    {
        var created = await _http.PostAsJsonAsync("/api/interventions", new
        {
            name = "Needle container at Clemenceau", kind = "needle_container", pillar = "harm_reduction",
            targetArea = Square(4.3296, 50.8415, 0.001), startsAt = "2025-03-01T00:00:00+01:00",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<int>();
        var got = await _http.GetJsonAsync($"/api/interventions/{id}");
        Assert.Equal("Polygon", got["targetArea"]!["type"]!.GetValue<string>());

        var bad = await _http.PostAsJsonAsync("/api/interventions", new { name = "", kind = "magic", pillar = "x", targetArea = new { type = "Point", coordinates = new[] { 4.3, 50.8 } } });
        var problem = await ProblemAsync(bad, 422);
        Assert.Equal(["name", "kind", "pillar", "targetArea", "startsAt"], problem["errors"]!.AsObject().Select(e => e.Key).ToArray());

        // Started now: no "after" period yet.
        await ProblemAsync(await _http.PutAsJsonAsync($"/api/interventions/{id}", new
        {
            name = "Needle container at Clemenceau", kind = "needle_container", pillar = "harm_reduction",
            targetArea = Square(4.3296, 50.8415, 0.001), startsAt = DateTimeOffset.UtcNow,
        }) is { StatusCode: HttpStatusCode.OK } ? await _http.GetAsync($"/api/interventions/{id}/displacement") : throw new Exception("update failed"), 422);

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/api/interventions/{id}")).StatusCode);
        await ProblemAsync(await _http.GetAsync($"/api/interventions/{id}"), 404);
    }

    [Fact]
    public async Task Sweep_route_is_buffered_by_its_width()
    {
        var response = await _http.PostAsJsonAsync("/api/sweeps", new
        {
            source = "outreach", route = new { type = "LineString", coordinates = new[] { new[] { 4.336, 50.8357 }, new[] { 4.3296, 50.8415 } } },
            widthMetres = 30, from = "2025-03-01T18:00:00+01:00", to = "2025-03-01T21:00:00+01:00",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<int>();
        // A 770 m route buffered 30 m each side covers roughly 770 × 60 m² plus round ends.
        var area = await app.ScalarAsync<double>("SELECT ST_Area(area::geography) FROM sweeps WHERE id = @id", ("id", id));
        Assert.InRange(area, 44_000, 52_000);
        await ProblemAsync(await _http.PostAsJsonAsync("/api/sweeps", new { source = "outreach", route = new { type = "LineString", coordinates = new[] { new[] { 4.336, 50.8357 }, new[] { 4.3296, 50.8415 } } }, from = "2025-03-01T18:00:00Z", to = "2025-03-01T21:00:00Z" }), 422);
    }
}

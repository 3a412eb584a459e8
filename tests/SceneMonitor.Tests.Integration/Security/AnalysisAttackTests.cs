using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security;

/// <summary>The analyses of stored data, attacked as a determined analyst or planner would: a tiny
/// study area and minute-long periods around one observation, a small target, reading a saved
/// exact result, spelling a member with other casing. Each test fails on the code before the
/// analyses ran on the caller's view (it read exact points and times for every role).</summary>
public class AnalysisAttackTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _recorder = app.ClientFor("recorder");
    private readonly HttpClient _analyst = app.ClientFor("analyst");
    private readonly HttpClient _planner = app.ClientFor("planner");
    private readonly HttpClient _admin = app.ClientFor("admin");

    [Fact]
    public async Task An_analyst_cannot_read_an_exact_point_or_minute_from_a_one_observation_displacement()
    {
        var s = UniqueSource();
        var id = await _recorder.CreateAsync(Observation(s, 4.33613, 50.83577, at: new DateTimeOffset(2024, 3, 5, 21, 17, 0, TimeSpan.Zero)));
        var seen = (await _analyst.GetJsonAsync($"/api/observations/{app.OpaqueId(id)}"))["geometry"]!["coordinates"]!;
        double gx = seen[0]!.GetValue<double>(), gy = seen[1]!.GetValue<double>();
        Assert.True(Math.Abs(gx - 4.33613) + Math.Abs(gy - 50.83577) > 0.00005, "the test point must lie off the grid");

        // Windows of 15 minutes either side of the true minute (21:17).
        var response = await _analyst.PostAsJsonAsync("/api/displacement", new
        {
            area = new[] { 4.335, 50.835, 4.337, 50.837 }, cellSize = 50,
            before = new { from = "2024-03-05T21:00:00Z", to = "2024-03-05T21:15:00Z" },
            after = new { from = "2024-03-05T21:15:00Z", to = "2024-03-05T21:30:00Z" },
        });
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(response.IsSuccessStatusCode, result.ToJsonString());
        // The analyst's view has the whole hour 21:00, so the observation is "before"; exact data would put it after.
        Assert.Equal(1, result["summary"]!["countBefore"]!.GetValue<int>());
        Assert.Equal(0, result["summary"]!["countAfter"]!.GetValue<int>());
        // The centre of a one-point period is the point: it must be the grid point the analyst may see.
        var centre = result["centres"]!["features"]!.AsArray().Single()!["geometry"]!["coordinates"]!;
        Assert.Equal(gx, centre[0]!.GetValue<double>(), 5);
        Assert.Equal(gy, centre[1]!.GetValue<double>(), 5);
        foreach (var number in Numbers(result))
            Assert.False(Math.Abs(number - 4.33613) < 0.000005 || Math.Abs(number - 50.83577) < 0.000005, $"exact coordinate {number} in the answer");
    }

    [Fact]
    public async Task An_analyst_cannot_count_observations_per_ten_minutes_with_the_emerging_analysis()
    {
        var s = UniqueSource();
        await _recorder.CreateAsync(Observation(s, 4.3450, 50.8450, at: new DateTimeOffset(2024, 3, 6, 21, 17, 0, TimeSpan.Zero)));
        var result = await PostOkAsync(_analyst, "/api/emerging", new
        {
            area = new[] { 4.343, 50.843, 4.347, 50.847 }, from = "2024-03-06T21:00:00Z", to = "2024-03-06T21:30:00Z", periods = 3, cellSize = 50,
        });
        // Ten-minute periods: the hour view puts the observation in the first (exact data: the second).
        Assert.Equal([1, 0, 0], result["summary"]!["countsPerPeriod"]!.AsArray().Select(n => n!.GetValue<int>()));
    }

    [Fact]
    public async Task A_planner_cannot_ask_for_hours_small_areas_small_targets_or_hourly_emerging_periods()
    {
        var square = Square(4.3350, 50.8350, 0.0005); // about 35 x 55 m
        var hours = await PostAsync(_planner, "/api/displacement", new
        {
            area = new[] { 4.30, 50.82, 4.37, 50.86 },
            before = new { from = "2024-03-05T20:00:00+01:00", to = "2024-03-05T21:00:00+01:00" },
            after = new { from = "2024-03-05T21:00:00+01:00", to = "2024-03-05T22:00:00+01:00" },
        });
        Assert.Contains("whole days", (await ProblemAsync(hours, 422))["errors"]!["before"]![0]!.GetValue<string>());

        var tinyArea = await PostAsync(_planner, "/api/displacement", new
        {
            area = new[] { 4.335, 50.835, 4.336, 50.836 },
            before = new { from = "2024-03-04T00:00:00+01:00", to = "2024-03-05T00:00:00+01:00" },
            after = new { from = "2024-03-05T00:00:00+01:00", to = "2024-03-06T00:00:00+01:00" },
        });
        Assert.NotNull((await ProblemAsync(tinyArea, 422))["errors"]!["area"]);

        var tinyTarget = await PostAsync(_planner, "/api/displacement", new
        {
            area = new[] { 4.30, 50.82, 4.37, 50.86 }, target = square,
            before = new { from = "2024-03-04T00:00:00+01:00", to = "2024-03-05T00:00:00+01:00" },
            after = new { from = "2024-03-05T00:00:00+01:00", to = "2024-03-06T00:00:00+01:00" },
        });
        Assert.NotNull((await ProblemAsync(tinyTarget, 422))["errors"]!["target"]);

        var hourly = await PostAsync(_planner, "/api/emerging", new
        {
            area = new[] { 4.30, 50.82, 4.37, 50.86 }, from = "2024-03-05T00:00:00+01:00", to = "2024-03-06T00:00:00+01:00", periods = 24,
        });
        Assert.NotNull((await ProblemAsync(hourly, 422))["errors"]!["periods"]);
    }

    [Fact]
    public async Task A_planner_cannot_recover_a_hidden_count_or_a_measure_derived_from_it()
    {
        var s = UniqueSource();
        var before = new DateTimeOffset(2024, 4, 10, 10, 0, 0, TimeSpan.Zero);
        var after = before.AddDays(1);
        // Target about 700 x 450 m around (4.35, 50.85); ring 1 (0–250 m) 100 m north of it, ring 2
        // (250–500 m) 400 m north; the control (the region beyond 1 km) around (4.37, 50.83).
        async Task Add(int n, double lon, double lat, DateTimeOffset at)
        {
            for (var i = 0; i < n; i++) await _recorder.CreateAsync(Observation(s, lon, lat, at: at.AddMinutes(i)));
        }
        await Add(1, 4.3500, 50.8500, before);  // target, before: 1 (hidden)
        await Add(5, 4.3500, 50.8500, after);
        await Add(1, 4.3500, 50.8529, before);  // ring 1, before: 1 (hidden)
        await Add(4, 4.3500, 50.8529, after);
        await Add(4, 4.3500, 50.8556, before);  // ring 2
        await Add(4, 4.3500, 50.8556, after);
        await Add(6, 4.3700, 50.8300, before);  // control
        await Add(6, 4.3700, 50.8300, after);

        var body = new
        {
            area = new[] { 4.33, 50.84, 4.37, 50.86 }, target = Square(4.35, 50.85, 0.005, 0.002),
            before = new { from = "2024-04-10T00:00:00+02:00", to = "2024-04-11T00:00:00+02:00" },
            after = new { from = "2024-04-11T00:00:00+02:00", to = "2024-04-12T00:00:00+02:00" },
            rings = new[] { 250.0, 500.0 }, controlFrom = 1000.0,
        };
        // What the figures are (on the same coarse view, as an analyst), so the test knows its arrangement holds.
        var full = (await PostOkAsync(_analyst, "/api/displacement", body))["summary"]!;
        Assert.Equal(1, full["targetBefore"]!.GetValue<int>());
        Assert.Equal([1, 4], full["wdq"]!["rings"]!.AsArray().Select(r => r!["before"]!.GetValue<int>()));
        Assert.NotNull(full["wdd"]);

        var summary = (await PostOkAsync(_planner, "/api/displacement", body))["summary"]!;
        Assert.Null(summary["targetBefore"]);
        Assert.Equal(5, summary["targetAfter"]!.GetValue<int>());
        var wdq = summary["wdq"]!;
        // Ring 1's 1 is hidden, so ring 2's 4 is too: "all rings" (5) minus ring 2 would give it back.
        Assert.Null(wdq["rings"]![0]!["before"]);
        Assert.Null(wdq["rings"]![1]!["before"]);
        Assert.Equal(5, wdq["allRings"]!["before"]!.GetValue<int>());
        Assert.Equal(8, wdq["allRings"]!["after"]!.GetValue<int>());
        foreach (var ring in wdq["rings"]!.AsArray().Append(wdq["allRings"]))
            foreach (var measure in new[] { "successMeasure", "bufferDisplacementMeasure", "wdq", "totalNetEffect" })
                Assert.Null(ring![measure]); // each uses the hidden target count
        Assert.Null(summary["wdd"]);
        Assert.Null(summary["cells"]);
        Assert.Null(summary["sensitivity"]); // its rows use the hidden target count too
    }

    /// <summary>The sensitivity table's buffers are nested (0–250 m inside 0–500 m): two published
    /// buffer counts 4 and 5 would give the band between them, 1. The planner gets the table only
    /// when every such difference is published too; an analyst sees it whole.</summary>
    [Fact]
    public async Task A_planner_cannot_read_a_hidden_band_from_two_sensitivity_rows()
    {
        var s = UniqueSource();
        var before = new DateTimeOffset(2024, 5, 20, 10, 0, 0, TimeSpan.Zero);
        var after = before.AddDays(1);
        async Task Add(int n, double lon, double lat, DateTimeOffset at)
        {
            for (var i = 0; i < n; i++) await _recorder.CreateAsync(Observation(s, lon, lat, at: at.AddMinutes(i)));
        }
        // Target about 700 x 450 m around (4.35, 50.85); 100 m north of it (0–250 m) 4 → 4;
        // 400 m north (250–500 m) 1 → 0, the band to hide; the region beyond 1 km 6 → 6.
        await Add(5, 4.3500, 50.8500, before);
        await Add(5, 4.3500, 50.8500, after);
        await Add(4, 4.3500, 50.8529, before);
        await Add(4, 4.3500, 50.8529, after);
        await Add(1, 4.3500, 50.8556, before);
        await Add(6, 4.3700, 50.8300, before);
        await Add(6, 4.3700, 50.8300, after);
        var body = new
        {
            area = new[] { 4.33, 50.84, 4.37, 50.86 }, target = Square(4.35, 50.85, 0.005, 0.002),
            before = new { from = "2024-05-20T00:00:00+02:00", to = "2024-05-21T00:00:00+02:00" },
            after = new { from = "2024-05-21T00:00:00+02:00", to = "2024-05-22T00:00:00+02:00" },
        };
        var rows = (await PostOkAsync(_analyst, "/api/displacement", body))["summary"]!["sensitivity"]!["rows"]!.AsArray();
        // The arrangement holds: every row's own counts are publishable (0 or at least 3) ...
        Assert.Equal([4, 5, 5, 5], rows.Select(r => r!["bufferBefore"]!.GetValue<int>()));
        Assert.Equal(5, rows[0]!["targetBefore"]!.GetValue<int>());
        // ... but 500 m minus 250 m is 1.
        var planner = (await PostOkAsync(_planner, "/api/displacement", body))["summary"]!;
        Assert.Null(planner["sensitivity"]);
        Assert.NotNull(planner["catchment"]); // the request's own choices are not data

        // Planners' distances are whole 250 m steps, so two answers never differ by a sliver.
        var sliver = await _planner.PostAsJsonAsync("/api/displacement", new
        {
            body.area, body.target, body.before, body.after, rings = new[] { 250.0, 260.0 }, controlFrom = 1010.0,
        });
        var errors = (await ProblemAsync(sliver, 422))["errors"]!;
        Assert.NotNull(errors["rings"]);
        // The suggestions rank neighbourhoods by weekly counts: not for planners.
        await ProblemAsync(await _planner.GetAsync("/api/displacement/control-suggestions?intervention=1"), 403);
    }

    /// <summary>Two planner answers whose after periods differ by one day, that day holding one
    /// observation: with the counts n and n + 1, the two centre shifts would give (n + 1)·B′ − n·B, the
    /// added observation relative to the before centre. No answer may carry a position or direction.</summary>
    [Fact]
    public async Task A_planner_cannot_place_an_observation_from_two_answers_a_day_apart()
    {
        var s = UniqueSource();
        var day = new DateTimeOffset(2024, 7, 1, 10, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 4; i++) await _recorder.CreateAsync(Observation(s, 4.340 + i * 0.001, 50.840, at: day.AddMinutes(i)));
        for (var i = 0; i < 4; i++) await _recorder.CreateAsync(Observation(s, 4.345 + i * 0.001, 50.845, at: day.AddDays(1).AddMinutes(i)));
        await _recorder.CreateAsync(Observation(s, 4.360, 50.855, at: day.AddDays(2))); // the one to find

        object Body(string afterTo) => new
        {
            area = new[] { 4.33, 50.83, 4.37, 50.86 },
            before = new { from = "2024-07-01T00:00:00+02:00", to = "2024-07-02T00:00:00+02:00" },
            after = new { from = "2024-07-02T00:00:00+02:00", to = afterTo },
        };
        var one = await PostOkAsync(_planner, "/api/displacement", Body("2024-07-03T00:00:00+02:00"));
        var two = await PostOkAsync(_planner, "/api/displacement", Body("2024-07-04T00:00:00+02:00"));
        Assert.Equal(4, one["summary"]!["countAfter"]!.GetValue<int>());
        Assert.Equal(5, two["summary"]!["countAfter"]!.GetValue<int>()); // the arrangement holds
        foreach (var answer in new[] { one, two })
        {
            Assert.Null(answer["summary"]!["centreShift"]);
            foreach (var member in new[] { "cells", "vectors", "ellipses", "centres", "target" }) Assert.Null(answer[member]);
        }
        // An analyst's answers do carry the shift: the check above looks where a position would be.
        Assert.NotNull((await PostOkAsync(_analyst, "/api/displacement", Body("2024-07-04T00:00:00+02:00")))["summary"]!["centreShift"]!["distance"]);
    }

    [Fact]
    public async Task A_saved_exact_result_is_not_served_to_analysts_or_planners_and_theirs_runs_on_their_view()
    {
        var body = new
        {
            area = new[] { 4.31, 50.825, 4.36, 50.85 },
            before = new { from = "2024-05-01T00:00:00+02:00", to = "2024-05-08T00:00:00+02:00" },
            after = new { from = "2024-05-08T00:00:00+02:00", to = "2024-05-15T00:00:00+02:00" },
        };
        var exact = await PostOkAsync(_admin, "/api/displacement", body);
        var id = exact["id"]!.GetValue<string>();
        Assert.Equal("exact", exact["parameters"]!["view"]!.GetValue<string>());
        // The data version shown with a result is a hash, not "rows-highest id-…" (it was), so it
        // tells nobody how many observations exist or, asked again, when one was added.
        Assert.Matches("^[0-9a-f]{16}$", exact["parameters"]!["dataVersion"]!.GetValue<string>());
        await ProblemAsync(await _analyst.GetAsync($"/api/analyses/{id}"), 403);
        await ProblemAsync(await _planner.GetAsync($"/api/analyses/{id}"), 403);
        await ProblemAsync(await _analyst.GetAsync($"/api/exports/analyses/{id}"), 403);
        Assert.Equal(HttpStatusCode.OK, (await _recorder.GetAsync($"/api/analyses/{id}")).StatusCode);

        var coarse = await PostOkAsync(_analyst, "/api/displacement", body);
        Assert.NotEqual(id, coarse["id"]!.GetValue<string>());
        Assert.Equal("coarse", coarse["parameters"]!["view"]!.GetValue<string>());
        var forPlanner = await _planner.GetJsonAsync($"/api/analyses/{coarse["id"]}");
        Assert.Equal("summary", forPlanner["detail"]!.GetValue<string>());
        Assert.Null(forPlanner["cells"]);
    }

    [Theory]
    [InlineData("""{"CellSize": 30}""")]
    [InlineData("""{"CELLSIZE": 30}""")]
    [InlineData("""{"cellSize": "30"}""")]
    public async Task The_privacy_grid_holds_however_cell_size_is_spelt(string cellSize)
    {
        var body = JsonNode.Parse(cellSize)!.AsObject();
        body["area"] = new JsonArray(4.31, 50.825, 4.36, 50.85);
        body["before"] = new JsonObject { ["from"] = "2024-05-01T00:00:00+02:00", ["to"] = "2024-05-08T00:00:00+02:00" };
        body["after"] = new JsonObject { ["from"] = "2024-05-08T00:00:00+02:00", ["to"] = "2024-05-15T00:00:00+02:00" };
        foreach (var client in new[] { _analyst, _planner })
        {
            var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            var problem = await ProblemAsync(await client.PostAsync("/api/displacement", content), 422);
            Assert.Contains("privacy grid", problem["errors"]!["cellSize"]![0]!.GetValue<string>());
            var emerging = new JsonObject { ["area"] = body["area"]!.DeepClone(), ["from"] = "2024-05-01T00:00:00+02:00", ["to"] = "2024-05-07T00:00:00+02:00", ["periods"] = 3 };
            foreach (var (k, v) in JsonNode.Parse(cellSize)!.AsObject()) emerging[k] = v!.DeepClone();
            var e = await ProblemAsync(await client.PostAsync("/api/emerging", new StringContent(emerging.ToJsonString(), Encoding.UTF8, "application/json")), 422);
            Assert.NotNull(e["errors"]!["cellSize"]);
        }
    }

    [Fact]
    public async Task Analysis_runs_are_audited_with_the_area_target_and_periods_that_shaped_them()
    {
        var body = new
        {
            area = new[] { 4.31, 50.825, 4.36, 50.85 }, target = Square(4.335, 50.8375, 0.004),
            before = new { from = "2024-06-01T00:00:00+02:00", to = "2024-06-08T00:00:00+02:00" },
            after = new { from = "2024-06-08T00:00:00+02:00", to = "2024-06-15T00:00:00+02:00" },
        };
        await PostOkAsync(_analyst, "/api/displacement", body);
        var line = JsonNode.Parse((await app.ScalarAsync<string>(
            "SELECT parameters FROM audit_log WHERE action = 'analysis' AND actor = 'test-analyst' AND target = 'POST /api/displacement' ORDER BY id DESC LIMIT 1"))!)!;
        Assert.Equal("coarse", line["view"]!.GetValue<string>());
        Assert.StartsWith("POLYGON", line["studyAreaGeometry"]!.GetValue<string>());
        Assert.StartsWith("POLYGON", line["targetGeometry"]!.GetValue<string>());
        Assert.Equal("2024-05-31T22:00:00+00:00", line["before"]!["from"]!.GetValue<DateTimeOffset>().ToString("yyyy-MM-ddTHH:mm:sszzz"));
    }

    private static object Square(double lon, double lat, double halfLon, double? halfLat = null)
    {
        var h = halfLat ?? halfLon;
        return new
        {
            type = "Polygon",
            coordinates = new[] { new[] { new[] { lon - halfLon, lat - h }, new[] { lon + halfLon, lat - h }, new[] { lon + halfLon, lat + h }, new[] { lon - halfLon, lat + h }, new[] { lon - halfLon, lat - h } } },
        };
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    private static async Task<JsonObject> PostOkAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static IEnumerable<double> Numbers(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Numbers(p.Value)),
        JsonArray a => a.SelectMany(Numbers),
        JsonValue v when v.TryGetValue<double>(out var d) => [d],
        _ => [],
    };
}

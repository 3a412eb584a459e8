using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security;

/// <summary>What each role sees of the same observations, and who may retract what.</summary>
public class ShapingTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _recorder = app.ClientFor("recorder");
    private readonly HttpClient _analyst = app.ClientFor("analyst");
    private readonly HttpClient _planner = app.ClientFor("planner");
    private readonly HttpClient _admin = app.ClientFor("admin");

    [Fact]
    public async Task Recorder_sees_the_exact_point_analyst_the_grid_point_whole_hour_and_no_note()
    {
        var s = UniqueSource();
        var at = new DateTimeOffset(2025, 6, 1, 12, 34, 56, TimeSpan.Zero);
        var id = await _recorder.CreateAsync(Observation(s, 4.33613, 50.83577, at: at, note: "onder de brug"));

        var exact = await _recorder.GetJsonAsync($"/api/observations/{id}");
        Assert.Equal(4.33613, exact["geometry"]!["coordinates"]![0]!.GetValue<double>());
        Assert.Equal("2025-06-01T12:34:56Z", exact["properties"]!["observedAt"]!.GetValue<string>());
        Assert.Equal("onder de brug", exact["properties"]!["note"]!.GetValue<string>());
        Assert.Equal(SceneMonitorApp.TestOrganisation, exact["properties"]!["organisation"]!.GetValue<string>());

        var coarse = await _analyst.GetJsonAsync($"/api/observations/{app.OpaqueId(id)}");
        var c = coarse["geometry"]!["coordinates"]!;
        double lon = c[0]!.GetValue<double>(), lat = c[1]!.GetValue<double>();
        Assert.Equal(0, await RoleMatrixTests.OffGridAsync(app, [lon], [lat], 50));
        Assert.Equal(1, await RoleMatrixTests.OffGridAsync(app, [4.33613], [50.83577], 50)); // the check can fail
        Assert.True(Math.Abs(lon - 4.33613) < 0.0007 && Math.Abs(lat - 50.83577) < 0.0005, "snapped to the nearest grid point (≤ 36 m)");
        Assert.Equal("2025-06-01T12:00:00Z", coarse["properties"]!["observedAt"]!.GetValue<string>());
        Assert.Null(coarse["properties"]!["note"]);
        Assert.Null(coarse["properties"]!["organisation"]);

        // Deterministic: the same place lands on the same grid point, in the list too.
        var id2 = await _recorder.CreateAsync(Observation(s, 4.33614, 50.83578, at: at));
        var list = await _analyst.GetJsonAsync($"/api/observations?source={s}");
        var points = list["features"]!.AsArray().Select(f => f!["geometry"]!["coordinates"]!.ToJsonString()).Distinct().ToList();
        Assert.Single(points);
        Assert.Equal(new[] { app.OpaqueId(id), app.OpaqueId(id2) }.Order(), OpaqueIds(list).Order());
    }

    [Fact]
    public async Task Analyst_filters_work_on_the_coarse_view_so_a_shrinking_bbox_or_window_reveals_nothing_finer()
    {
        var s = UniqueSource();
        var at = new DateTimeOffset(2025, 6, 1, 12, 34, 56, TimeSpan.Zero);
        var id = await _recorder.CreateAsync(Observation(s, 4.33613, 50.83577, at: at));
        var snapped = (await _analyst.GetJsonAsync($"/api/observations/{app.OpaqueId(id)}"))["geometry"]!["coordinates"]!;
        double sx = snapped[0]!.GetValue<double>(), sy = snapped[1]!.GetValue<double>();
        string Box(double x0, double y0, double x1, double y1) => FormattableString.Invariant($"{x0},{y0},{x1},{y1}");

        // A tiny box around the true point, not containing the grid point: the recorder finds it, the analyst does not.
        var aroundTruth = Box(4.33612, 50.83576, 4.33614, 50.83578);
        Assert.Equal([id], Ids(await _recorder.GetJsonAsync($"/api/observations?source={s}&bbox={aroundTruth}")));
        Assert.Empty(OpaqueIds(await _analyst.GetJsonAsync($"/api/observations?source={s}&bbox={aroundTruth}")));
        Assert.Equal([app.OpaqueId(id)], OpaqueIds(await _analyst.GetJsonAsync($"/api/observations?source={s}&bbox={Box(sx - 1e-6, sy - 1e-6, sx + 1e-6, sy + 1e-6)}")));
        // The same with a map viewport's window (read from the cell index, ObservationSql.AppendCells; the analyst's slack widens the cells).
        var june = "from=2025-06-01T00:00:00Z&to=2025-07-01T00:00:00Z";
        Assert.Equal([id], Ids(await _recorder.GetJsonAsync($"/api/observations?source={s}&{june}&bbox={aroundTruth}")));
        Assert.Empty(OpaqueIds(await _analyst.GetJsonAsync($"/api/observations?source={s}&{june}&bbox={aroundTruth}")));
        Assert.Equal([app.OpaqueId(id)], OpaqueIds(await _analyst.GetJsonAsync($"/api/observations?source={s}&{june}&bbox={Box(sx - 1e-6, sy - 1e-6, sx + 1e-6, sy + 1e-6)}")));

        // A window of the minute it happened: the analyst only sees whole hours.
        var minute = $"from={Uri.EscapeDataString("2025-06-01T12:34:00Z")}&to={Uri.EscapeDataString("2025-06-01T12:35:00Z")}";
        Assert.Equal([id], Ids(await _recorder.GetJsonAsync($"/api/observations?source={s}&{minute}")));
        Assert.Empty(OpaqueIds(await _analyst.GetJsonAsync($"/api/observations?source={s}&{minute}")));
        Assert.Equal([app.OpaqueId(id)], OpaqueIds(await _analyst.GetJsonAsync($"/api/observations?source={s}&from=2025-06-01T12:00:00Z&to=2025-06-01T13:00:00Z")));
    }

    [Fact]
    public async Task Planner_gets_no_points_and_small_counts_suppressed_in_summaries_series_and_exports()
    {
        var s = UniqueSource();
        Assert.Equal(HttpStatusCode.Forbidden, (await _planner.GetAsync($"/api/observations?source={s}")).StatusCode);
        // Laeken (Brussels city, NIS 21004): 4 syringes in one spot, 1 complaint.
        for (var i = 0; i < 4; i++) await _recorder.CreateAsync(Observation(s, 4.3510, 50.8800, "syringe", BaseTime.AddDays(i)));
        await _recorder.CreateAsync(Observation(s, 4.3511, 50.8801, "complaint", BaseTime));
        var area = await app.ScalarAsync<int>("""
            SELECT id FROM areas WHERE kind = 'Neighbourhood' AND ST_Covers(geometry, ST_SetSRID(ST_MakePoint(4.3510, 50.8800), 4326))
            """);

        var summary = await _planner.GetJsonAsync($"/api/areas/{area}/summary");
        var byCode = summary["categories"]!.AsArray().ToDictionary(c => c!["category"]!.GetValue<string>());
        // The complaint is below k, so no category shows (total minus the others would give it); the total stays.
        Assert.True(summary["total"]!.GetValue<int>() >= 5);
        Assert.All(byCode.Values, c => Assert.Null(c!["count"]));
        Assert.Null(byCode["complaint"]!["quantity"]);
        Assert.Equal(1, (await _admin.GetJsonAsync($"/api/areas/{area}/summary"))["categories"]!.AsArray()
            .Single(c => c!["category"]!.GetValue<string>() == "complaint")!["count"]!.GetValue<int>());

        var series = await _planner.GetJsonAsync($"/api/stats/timeseries?bucket=month&source={s}&from=2025-06-01T00:00:00%2B02:00&to=2025-07-01T00:00:00%2B02:00");
        Assert.Equal(5, series["buckets"]![0]!["count"]!.GetValue<int>());
        var daily = await _planner.GetJsonAsync($"/api/stats/timeseries?bucket=day&source={s}&from=2025-06-01T00:00:00%2B02:00&to=2025-06-03T00:00:00%2B02:00");
        Assert.All(daily["buckets"]!.AsArray(), b => Assert.Null(b!["count"])); // 2 and 1 per day: below k
        Assert.Equal(3, daily["total"]!.GetValue<int>()); // the total stays, as the area summary would give it

        var grid = await _planner.GetJsonAsync($"/api/aggregates/grid?source={s}&cellSize=100&grid=square");
        var cells = grid["features"]!.AsArray();
        Assert.Single(cells);
        Assert.Equal("Polygon", cells[0]!["geometry"]!["type"]!.GetValue<string>());
        Assert.Equal(5, cells[0]!["properties"]!["count"]!.GetValue<int>());
        var complaints = await _planner.GetJsonAsync($"/api/aggregates/grid?source={s}&category=complaint");
        Assert.Empty(complaints["features"]!.AsArray());
        await ProblemAsync(await _planner.GetAsync($"/api/aggregates/grid?cellSize=10"), 400);

        var areas = await _planner.GetJsonAsync($"/api/aggregates/areas?kind=neighbourhood&source={s}&category=complaint");
        var feature = areas["features"]!.AsArray().Single(f => f!["id"]!.GetValue<int>() == area)!;
        Assert.True(feature["properties"]!["suppressed"]!.GetValue<bool>());
        Assert.Null(feature["properties"]!["count"]);
        Assert.All(areas["features"]!.AsArray().Where(f => f!["id"]!.GetValue<int>() != area),
            f => Assert.Equal(0, f!["properties"]!["count"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Analysts_and_planners_cannot_ask_for_analysis_cells_finer_than_the_privacy_grid()
    {
        var body = new
        {
            area = new[] { 4.31, 50.825, 4.36, 50.85 }, cellSize = 30,
            before = new { from = "2025-01-01T00:00:00Z", to = "2025-03-01T00:00:00Z" }, after = new { from = "2025-03-01T00:00:00Z", to = "2025-05-01T00:00:00Z" },
        };
        var problem = await ProblemAsync(await _analyst.PostAsJsonAsync("/api/displacement", body), 422);
        Assert.Contains("50", problem["errors"]!["cellSize"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync("/api/displacement", body)).StatusCode);
    }

    [Fact]
    public async Task Recorders_retract_only_their_own_organisations_observations_admins_any()
    {
        var s = UniqueSource();
        var ours = await _recorder.CreateAsync(Observation(s));
        var theirs = await app.ClientFor("recorder", "other-ngo").CreateAsync(Observation(s));
        Assert.Equal("other-ngo", await app.ScalarAsync<string>("SELECT organisation FROM observations WHERE id = @id", ("id", theirs)));

        Assert.Equal(HttpStatusCode.NoContent, (await _recorder.PostAsJsonAsync($"/api/observations/{ours}/retract", new { reason = "entered twice" })).StatusCode);
        var denied = await _recorder.PostAsJsonAsync($"/api/observations/{theirs}/retract", new { reason = "not ours" });
        Assert.Contains("another organisation", (await ProblemAsync(denied, 403))["title"]!.GetValue<string>());
        Assert.False(await app.ScalarAsync<bool>("SELECT retracted FROM observations WHERE id = @id", ("id", theirs)));
        Assert.Equal(HttpStatusCode.Forbidden, (await _analyst.PostAsJsonAsync($"/api/observations/{theirs}/retract", new { reason = "police" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PostAsJsonAsync($"/api/observations/{theirs}/retract", new { reason = "duplicate import" })).StatusCode);
    }

    [Fact]
    public async Task Recorders_delete_only_their_own_organisations_sweeps()
    {
        object Sweep() => new { source = "outreach", area = new { type = "Polygon", coordinates = new[] { new[] { new[] { 4.33, 50.83 }, new[] { 4.34, 50.83 }, new[] { 4.34, 50.84 }, new[] { 4.33, 50.83 } } } }, from = "2025-03-01T18:00:00Z", to = "2025-03-01T21:00:00Z" };
        var theirs = (await (await app.ClientFor("recorder", "other-ngo").PostAsJsonAsync("/api/sweeps", Sweep())).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        var ours = (await (await _recorder.PostAsJsonAsync("/api/sweeps", Sweep())).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<int>();
        var asAnalyst = (await _analyst.GetFromJsonAsync<JsonArray>("/api/sweeps?from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z"))!;
        Assert.Contains(asAnalyst, w => w!["id"]!.GetValue<int>() == theirs);
        Assert.All(asAnalyst, w => Assert.Null(w!["organisation"]));
        var asRecorder = (await _recorder.GetFromJsonAsync<JsonArray>("/api/sweeps?from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z"))!;
        Assert.Equal("other-ngo", asRecorder.Single(w => w!["id"]!.GetValue<int>() == theirs)!["organisation"]!.GetValue<string>());
        await ProblemAsync(await _recorder.DeleteAsync($"/api/sweeps/{theirs}"), 403);
        Assert.Equal(HttpStatusCode.NoContent, (await _recorder.DeleteAsync($"/api/sweeps/{ours}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/sweeps/{theirs}")).StatusCode);
    }
}

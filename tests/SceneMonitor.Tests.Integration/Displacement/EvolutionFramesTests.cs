using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Displacement;

/// <summary>POST /api/emerging/frames (the evolution slider) and the calendar periods and time lag of
/// POST /api/emerging, on a small data set whose counts are known by construction (hand counts):
/// cell A at (4.4050, 50.8050) holds 1, 3 and 4 observations in the weeks of 2, 9 and 16 January 2023
/// and 5 on 7 February; cell B at (4.4020, 50.8020), about 390 m away (another 150 m hexagon), holds 3
/// in the week of 2 January and 1 on 7 February. Nothing else lies in the study area in early 2023.</summary>
public class EvolutionFramesTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>, IAsyncLifetime
{
    private static readonly double[] Area = [4.400, 50.800, 4.410, 50.810]; // about 0.78 km², above the planners' minimum
    private readonly HttpClient _recorder = app.ClientFor("recorder");
    private readonly HttpClient _analyst = app.ClientFor("analyst");
    private readonly HttpClient _planner = app.ClientFor("planner");
    private readonly HttpClient _admin = app.ClientFor("admin");
    private static bool _seeded;

    public async Task InitializeAsync()
    {
        if (_seeded) return;
        _seeded = true;
        var s = UniqueSource();
        async Task Add(double lon, double lat, DateTimeOffset day, int n)
        {
            for (var i = 0; i < n; i++) await _recorder.CreateAsync(Observation(s, lon, lat, at: day.AddHours(12 + i)));
        }
        var (a, b) = ((4.4050, 50.8050), (4.4020, 50.8020));
        await Add(a.Item1, a.Item2, new DateTimeOffset(2023, 1, 3, 0, 0, 0, TimeSpan.Zero), 1);
        await Add(a.Item1, a.Item2, new DateTimeOffset(2023, 1, 10, 0, 0, 0, TimeSpan.Zero), 3);
        await Add(a.Item1, a.Item2, new DateTimeOffset(2023, 1, 17, 0, 0, 0, TimeSpan.Zero), 4);
        await Add(a.Item1, a.Item2, new DateTimeOffset(2023, 2, 7, 0, 0, 0, TimeSpan.Zero), 5);
        await Add(b.Item1, b.Item2, new DateTimeOffset(2023, 1, 4, 0, 0, 0, TimeSpan.Zero), 3);
        await Add(b.Item1, b.Item2, new DateTimeOffset(2023, 2, 7, 0, 0, 0, TimeSpan.Zero), 1);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static object Body(string from, string to, string? interval, int? periods = null, int? timeLag = null) =>
        new { area = Area, from, to, interval, periods, timeLag, cellSize = 150 };

    private static async Task<JsonObject> OkAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Counts of the cells holding A and B (the cell whose centre is nearest the point,
    /// within 200 m: a hexagon's corners are 150 m from its centre, plus up to 35 m of grid snapping
    /// for coarse views); an empty list when the answer has no such cell.</summary>
    private static (List<int?> A, List<int?> B, int Cells) Cells(JsonObject frames)
    {
        var features = frames["cells"]!["features"]!.AsArray();
        List<int?> Of(double lon, double lat) => features
            .Select(f => (Feature: f!, Ring: f!["geometry"]!["coordinates"]![0]!.AsArray()))
            .Select(x => (x.Feature, Metres: Math.Sqrt(Math.Pow((x.Ring.Average(p => p![0]!.GetValue<double>()) - lon) * 70_400, 2)
                                                      + Math.Pow((x.Ring.Average(p => p![1]!.GetValue<double>()) - lat) * 111_200, 2))))
            .Where(x => x.Metres < 200).OrderBy(x => x.Metres)
            .Select(x => x.Feature["properties"]!["counts"]!.AsArray().Select(n => n?.GetValue<int>()).ToList()).FirstOrDefault() ?? [];
        return (Of(4.4050, 50.8050), Of(4.4020, 50.8020), features.Count);
    }

    [Theory]
    [InlineData("recorder")]
    [InlineData("analyst")]
    [InlineData("admin")]
    public async Task Weekly_frames_count_each_cell_in_each_calendar_week(string role)
    {
        var frames = await OkAsync(app.ClientFor(role), "/api/emerging/frames", Body("2023-01-02T00:00:00+01:00", "2023-01-23T00:00:00+01:00", "week"));
        Assert.Equal(["2023-01-02", "2023-01-09", "2023-01-16"], frames["periods"]!.AsArray().Select(p => p!["from"]!.GetValue<DateTimeOffset>().ToString("yyyy-MM-dd")));
        Assert.Equal(TimeSpan.FromHours(1), frames["periods"]![0]!["from"]!.GetValue<DateTimeOffset>().Offset); // Brussels midnight (CET)
        var (a, b, cells) = Cells(frames);
        Assert.Equal([1, 3, 4], a);
        Assert.Equal([3, 0, 0], b);
        Assert.Equal(2, cells); // empty cells are left out
        Assert.Null(frames["minCount"]);
    }

    [Fact]
    public async Task Calendar_months_widen_the_request_to_whole_months_and_the_parameters_say_so()
    {
        var frames = await OkAsync(_analyst, "/api/emerging/frames", Body("2023-01-15T00:00:00+01:00", "2023-03-10T00:00:00+01:00", "month"));
        var p = frames["parameters"]!;
        Assert.Equal(new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)), p["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new DateTimeOffset(2023, 4, 1, 0, 0, 0, TimeSpan.FromHours(2)), p["to"]!.GetValue<DateTimeOffset>()); // after the clock change
        Assert.Equal("month", p["interval"]!.GetValue<string>());
        var (a, b, _) = Cells(frames);
        Assert.Equal([8, 5, 0], a); // 1 + 3 + 4 in January, 5 in February
        Assert.Equal([3, 1, 0], b);
    }

    [Fact]
    public async Task The_emerging_analysis_states_its_neighbourhood_and_time_lag()
    {
        var spaceTime = await OkAsync(_analyst, "/api/emerging", Body("2023-01-01T00:00:00+01:00", "2023-04-01T00:00:00+02:00", "month"));
        Assert.Equal(1, spaceTime["parameters"]!["timeLag"]!.GetValue<int>());
        Assert.StartsWith("space-time", spaceTime["parameters"]!["neighbourhood"]!.GetValue<string>());
        Assert.Equal([11, 6, 0], spaceTime["summary"]!["countsPerPeriod"]!.AsArray().Select(n => n!.GetValue<int>())); // hand counts, A + B
        var spatial = await OkAsync(_analyst, "/api/emerging", Body("2023-01-01T00:00:00+01:00", "2023-04-01T00:00:00+02:00", "month", timeLag: 0));
        Assert.StartsWith("spatial", spatial["parameters"]!["neighbourhood"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"area":[4.400,50.800,4.410,50.810],"from":"2023-01-01","to":"2023-04-01","interval":"day"}""", "interval")]
    [InlineData("""{"area":[4.400,50.800,4.410,50.810],"from":"2023-01-01","to":"2023-04-01","interval":"month","periods":3}""", "periods")]
    [InlineData("""{"area":[4.400,50.800,4.410,50.810],"from":"2023-01-01","to":"2023-04-01","interval":"month","timeLag":5}""", "timeLag")]
    [InlineData("""{"area":[4.400,50.800,4.410,50.810],"from":"2023-01-01","to":"2023-02-01","interval":"month"}""", "to")]
    public async Task Bad_requests_name_the_field(string json, string field)
    {
        foreach (var url in new[] { "/api/emerging", "/api/emerging/frames" })
        {
            var response = await _analyst.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            var problem = await ProblemAsync(response, 422);
            Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        }
    }

    [Fact]
    public async Task A_planner_gets_monthly_counts_of_at_least_k_and_nothing_that_adds_up()
    {
        var frames = await OkAsync(_planner, "/api/emerging/frames", Body("2023-01-01T00:00:00+01:00", "2023-04-01T00:00:00+02:00", "month"));
        Assert.Equal(3, frames["minCount"]!.GetValue<int>());
        var (a, b, _) = Cells(frames);
        Assert.Equal([8, 5, null], a);    // a zero is hidden like a small count
        Assert.Equal([3, null, null], b); // B's 1 in February is hidden
        foreach (var n in Numbers(frames["cells"]))
            Assert.False(n is > 0 and < 3, $"a count of {n} below k");
        Assert.DoesNotContain("total", frames.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("summary", frames.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_planner_cannot_difference_frames_or_requests_to_a_small_count()
    {
        // Weeks (or equal periods) would let a month minus the weeks inside it give B's hidden count
        // back, so planners get months only; months are one partition: every answer agrees.
        foreach (var body in new[] { Body("2023-01-02T00:00:00+01:00", "2023-01-23T00:00:00+01:00", "week"), Body("2023-01-01T00:00:00+01:00", "2023-04-01T00:00:00+02:00", null, periods: 3) })
        {
            var problem = await ProblemAsync(await _planner.PostAsJsonAsync("/api/emerging/frames", body), 422);
            Assert.True(problem["errors"]!.AsObject().ContainsKey("interval"), problem.ToJsonString());
        }
        var janToMar = Cells(await OkAsync(_planner, "/api/emerging/frames", Body("2023-01-01T00:00:00+01:00", "2023-04-01T00:00:00+02:00", "month")));
        var febToApr = Cells(await OkAsync(_planner, "/api/emerging/frames", Body("2023-02-01T00:00:00+01:00", "2023-05-01T00:00:00+02:00", "month")));
        var decToFeb = Cells(await OkAsync(_planner, "/api/emerging/frames", Body("2022-12-01T00:00:00+01:00", "2023-03-01T00:00:00+01:00", "month")));
        // The same month has the same value in every answer; B's February is hidden in all of them.
        Assert.Equal(janToMar.A.Skip(1), febToApr.A.Take(2));
        Assert.Equal(janToMar.A.Take(2), decToFeb.A.Skip(1));
        Assert.Equal(janToMar.B.Take(2), decToFeb.B.Skip(1));
        Assert.Empty(febToApr.B); // nothing publishable for B from February on: the cell is left out
        Assert.Null(janToMar.B[1]);
        // No published figure of any of these answers covers B's February, so no difference gives it.
        var published = new[] { janToMar.B, febToApr.B, decToFeb.B }.SelectMany(x => x).OfType<int>().ToList();
        Assert.Equal([3, 3], published);

        // The emerging analysis stays a summary for planners, with calendar periods too.
        var emerging = await OkAsync(_planner, "/api/emerging", Body("2023-01-01T00:00:00+01:00", "2023-04-01T00:00:00+02:00", "month"));
        Assert.Equal("summary", emerging["detail"]!.GetValue<string>());
        Assert.False(emerging.ContainsKey("cells"));
    }

    [Fact]
    public async Task Every_frames_answer_is_audited_with_its_area_and_interval()
    {
        await OkAsync(_analyst, "/api/emerging/frames", Body("2023-01-02T00:00:00+01:00", "2023-01-23T00:00:00+01:00", "week"));
        var audit = await _admin.GetStringAsync("/api/audit?action=analysis&limit=50");
        Assert.Contains("emerging-frames", audit);
        Assert.Contains("week", audit);
    }

    private static IEnumerable<double> Numbers(JsonNode? node) => node switch
    {
        JsonArray a => a.SelectMany(Numbers),
        JsonObject o => o.Select(p => p.Value).SelectMany(Numbers),
        JsonValue v when v.TryGetValue<double>(out var d) => [d],
        _ => [],
    };
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security;

/// <summary>A determined planner's attacks on aggregate answers, over real HTTP and PostGIS: each
/// tries to learn a count from 1 to k − 1 or the position of one observation, and fails on a leak.
/// Every test places its data at its own place and days, so tests in this class do not mix.</summary>
public class PlannerDisclosureAttackTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _recorder = app.ClientFor("recorder");
    private readonly HttpClient _planner = app.ClientFor("planner");
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1); // Brussels in January

    private static DateTimeOffset Day(int day) => new(2026, 1, day, 0, 0, 0, Winter);
    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));

    private async Task AddAsync(IEnumerable<object> observations)
    {
        var response = await _recorder.PostAsJsonAsync("/api/observations/batch", new { observations = observations.ToArray() });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<object> At(string source, double lon, double lat, string category, int n, DateTimeOffset at) =>
        Enumerable.Range(0, n).Select(i => Observation(source, lon, lat, category, at.AddMinutes(i)));

    private static double Number(JsonNode? n) => n!.GetValue<double>();

    // Spherical Web Mercator, as the map draws: a zoom-14 cell of 64 px.
    private const double R = 6378137;
    private static readonly double Cell = 2 * Math.PI * R / 256 / Math.Pow(2, 14) * 64;
    private static double X(double lon) => R * lon * Math.PI / 180;
    private static double Y(double lat) => R * Math.Log(Math.Tan(Math.PI / 4 + lat * Math.PI / 360));
    private static double Lon(double x) => x / R * 180 / Math.PI;
    private static double Lat(double y) => (2 * Math.Atan(Math.Exp(y / R)) - Math.PI / 2) * 180 / Math.PI;

    private static double Metres(double lon1, double lat1, double lon2, double lat2)
    {
        var dx = (lon2 - lon1) * Math.PI / 180 * 6371000 * Math.Cos(lat1 * Math.PI / 180);
        var dy = (lat2 - lat1) * Math.PI / 180 * 6371000;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>The attack of the issue: two windows that differ by one observation, differenced as
    /// count × centroid, give that observation's position. Hour windows are refused; whole-day
    /// windows give cells located by their centre, so the difference is the cell, not the point.</summary>
    [Fact]
    public async Task Differencing_two_cluster_windows_gives_the_cell_not_the_added_observation()
    {
        var s = UniqueSource();
        // Four observations at the centre of a zoom-14 cell on day 5, then one near its corner on day 6.
        double i = Math.Floor(X(4.3500) / Cell), j = Math.Floor(Y(50.8450) / Cell);
        double lon0 = Lon((i + 0.5) * Cell), lat0 = Lat((j + 0.5) * Cell), lon1 = Lon((i + 0.15) * Cell), lat1 = Lat((j + 0.15) * Cell);
        await AddAsync([.. At(s, lon0, lat0, "syringe", 4, Day(5).AddHours(10)), .. At(s, lon1, lat1, "syringe", 1, Day(6).AddHours(10))]);
        var url = $"/api/map/clusters?bbox=4.30,50.82,4.40,50.87&zoom=14&source={s}";

        var before = Assert.Single((await _planner.GetJsonAsync($"{url}&from={Q(Day(5))}&to={Q(Day(6))}"))["cells"]!.AsArray());
        var after = Assert.Single((await _planner.GetJsonAsync($"{url}&from={Q(Day(5))}&to={Q(Day(7))}"))["cells"]!.AsArray());
        int n0 = before!["count"]!.GetValue<int>(), n1 = after!["count"]!.GetValue<int>();
        Assert.Equal((4, 5), (n0, n1));
        var lon = (n1 * Number(after["lon"]) - n0 * Number(before["lon"])) / (n1 - n0);
        var lat = (n1 * Number(after["lat"]) - n0 * Number(before["lat"])) / (n1 - n0);
        Assert.True(Metres(lon, lat, lon1, lat1) > 100,
            $"differencing located the added observation within {Metres(lon, lat, lon1, lat1):0} m (cells are about {Cell * Math.Cos(50.845 * Math.PI / 180):0} m)");
        var b = after["bbox"]!.AsArray().Select(Number).ToArray();
        Assert.Equal((b[0] + b[2]) / 2, Number(after["lon"]), 6);
        Assert.Equal(before["bbox"]!.ToJsonString(), after["bbox"]!.ToJsonString());

        // The hourly version of the attack is refused for planners (analysts still get their view).
        var hourly = $"{url}&from={Q(Day(5))}&to={Q(Day(6).AddHours(11))}";
        var refused = await ProblemAsync(await _planner.GetAsync(hourly), 422);
        Assert.NotNull(refused["errors"]!["to"]);
        await app.ClientFor("analyst").GetJsonAsync(hourly);

        Assert.True(await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE actor = 'test-planner' AND target = 'GET /api/map/clusters' AND parameters::text LIKE '%' || @s || '%'", ("s", s)) >= 2);
    }

    /// <summary>Strips: a bbox edge moved by a few metres, or a cell size changed by a few pixels,
    /// would count the observations of a thin strip. Planners' cells are whole and of nested sizes.</summary>
    [Fact]
    public async Task Moving_a_cluster_bbox_edge_or_the_cell_size_does_not_count_a_strip()
    {
        var s = UniqueSource();
        double i = Math.Floor(X(4.3800) / Cell), j = Math.Floor(Y(50.8350) / Cell);
        double lonQ = Lon((i + 0.3) * Cell), latQ = Lat((j + 0.5) * Cell);
        await AddAsync([.. At(s, Lon((i + 0.7) * Cell), latQ, "syringe", 4, Day(8).AddHours(10)), .. At(s, lonQ, latQ, "syringe", 1, Day(8).AddHours(11))]);
        string Url(double west, int pixels = 64) =>
            FormattableString.Invariant($"/api/map/clusters?bbox={west},50.80,4.42,50.86&zoom=14&cellPixels={pixels}&source={s}");

        // The grid point of the analysts' view lies within 36 m of the true point: 0.001° (70 m) either side.
        var east = await _planner.GetJsonAsync(Url(lonQ + 0.001));
        var west = await _planner.GetJsonAsync(Url(lonQ - 0.001));
        Assert.Equal(west["total"]!.GetValue<int>(), east["total"]!.GetValue<int>());
        Assert.Equal(5, west["total"]!.GetValue<int>());

        var finer = await _planner.GetJsonAsync(Url(lonQ - 0.001, pixels: 60));
        Assert.Equal(west["cellSize"]!.GetValue<double>(), finer["cellSize"]!.GetValue<double>());
    }

    /// <summary>One place with categories 1 + 3 + 4 (total 8): wherever the total 8 is published,
    /// the categories must not leave a remainder that a reader attributes to the hidden 1.</summary>
    [Fact]
    public async Task A_cell_of_categories_1_3_4_does_not_give_the_1_as_total_minus_the_others()
    {
        var s = UniqueSource();
        const double lon = 4.3700, lat = 50.8300;
        await AddAsync([.. At(s, lon, lat, "syringe", 4, Day(12).AddHours(9)), .. At(s, lon, lat, "discarded_pipe", 3, Day(12).AddHours(9)),
            .. At(s, lon, lat, "complaint", 1, Day(12).AddHours(9))]);

        static void NoRemainder(JsonObject props, string where)
        {
            var total = props["count"]?.GetValue<int>();
            var shown = props.Where(p => p.Key.StartsWith("count_", StringComparison.Ordinal) && p.Value is not null).Sum(p => p.Value!.GetValue<int>());
            var hidden = props.Count(p => p.Key.StartsWith("count_", StringComparison.Ordinal) && p.Value is null);
            Assert.True(total is null || shown == 0 || shown == total, $"{where}: total {total} with {shown} shown and {hidden} hidden gives the hidden ones");
        }

        var grid = await _planner.GetJsonAsync($"/api/aggregates/grid?grid=square&cellSize=250&source={s}");
        var cell = Assert.Single(grid["features"]!.AsArray())!["properties"]!.AsObject();
        Assert.Equal(8, cell["count"]!.GetValue<int>());
        NoRemainder(cell, "aggregates/grid");

        var areas = await _planner.GetJsonAsync($"/api/aggregates/areas?kind=municipality&source={s}");
        var area = Assert.Single(areas["features"]!.AsArray(), f => f!["properties"]!["count"]?.GetValue<int>() > 0)!["properties"]!.AsObject();
        Assert.Equal(8, area["count"]!.GetValue<int>());
        NoRemainder(area, "aggregates/areas");

        var clusters = await _planner.GetJsonAsync($"/api/map/clusters?bbox=4.30,50.80,4.42,50.86&zoom=14&source={s}");
        var c = Assert.Single(clusters["cells"]!.AsArray())!.AsObject();
        var shown = c["categories"]!.AsObject().Sum(p => p.Value!.GetValue<int>());
        Assert.True(shown == 0 || shown == 8, $"clusters: {shown} of 8 told by category, {c["pooled"]} pooled");

        // The OGC grid publishes categories only; the cell's total 8 is in the aggregates above.
        var ogc = await _planner.GetJsonAsync(FormattableString.Invariant($"/ogc/collections/observation-grid/items?bbox={lon - 0.0005},{lat - 0.0005},{lon + 0.0005},{lat + 0.0005}"));
        var categories = ogc["features"]!.AsArray().Select(f => f!["properties"]!["category"]!.GetValue<string>()).ToList();
        Assert.True(categories.Count == 0, $"OGC grid tells {string.Join(", ", categories)}; 8 minus them is the hidden complaint");

        // Those who record see their own full counts on the map.
        var own = Assert.Single((await _recorder.GetJsonAsync($"/api/map/clusters?bbox=4.30,50.80,4.42,50.86&zoom=14&source={s}"))["cells"]!.AsArray());
        Assert.Equal(1, own!["categories"]!["complaint"]!.GetValue<int>());
    }

    /// <summary>The area summary publishes the total of an area and period; a time series of the same
    /// area and period that hides one small bucket and shows the others gives it back.</summary>
    [Fact]
    public async Task The_area_summary_against_the_time_series_does_not_give_a_hidden_day()
    {
        var s = UniqueSource();
        const double lon = 4.4000, lat = 50.8600;
        var area = await app.ScalarAsync<int>(
            "SELECT id FROM areas WHERE kind = 'Municipality' AND ST_Covers(geometry, ST_SetSRID(ST_MakePoint(@x, @y), 4326))", ("x", lon), ("y", lat));
        await AddAsync([.. At(s, lon, lat, "syringe", 5, Day(19).AddHours(14)), .. At(s, lon, lat, "syringe", 1, Day(20).AddHours(14))]);
        var period = $"from={Q(Day(19))}&to={Q(Day(21))}";

        var summary = await _planner.GetJsonAsync($"/api/areas/{area}/summary?{period}");
        Assert.Equal(6, summary["total"]!.GetValue<int>());
        foreach (var bucket in new[] { "day", "week", "month" })
        {
            var series = await _planner.GetJsonAsync($"/api/stats/timeseries?area={area}&{period}&bucket={bucket}");
            var counts = series["buckets"]!.AsArray().Select(b => b!["count"]?.GetValue<int>()).ToList();
            var shown = counts.Where(n => n is not null).Sum(n => n!.Value);
            var hidden = counts.Count(n => n is null);
            Assert.True(hidden == 0 || shown == 0, $"{bucket}: summary 6 minus the shown {shown} is the {hidden} hidden bucket(s)");
            Assert.Equal(6, series["total"]!.GetValue<int>());
        }

        // Analysts keep their full series.
        var analyst = await app.ClientFor("analyst").GetJsonAsync($"/api/stats/timeseries?area={area}&{period}&bucket=day");
        Assert.Equal([5, 1], analyst["buckets"]!.AsArray().Select(b => b!["count"]!.GetValue<int>()));
    }

    /// <summary>The OGC grid at two datetime values an hour apart would count the observations of that
    /// hour: for planners such intervals are refused, and a whole-day interval ending at midnight does
    /// not take in the next day's first hour.</summary>
    [Fact]
    public async Task The_OGC_grid_at_two_datetimes_an_hour_apart_is_refused_for_planners()
    {
        var s = UniqueSource();
        const double lon = 4.3100, lat = 50.8500;
        await AddAsync([.. At(s, lon, lat, "syringe", 3, Day(26).AddHours(10)), .. At(s, lon, lat, "syringe", 1, Day(27).AddMinutes(30))]);
        var grid = FormattableString.Invariant($"/ogc/collections/observation-grid/items?bbox={lon - 0.0005},{lat - 0.0005},{lon + 0.0005},{lat + 0.0005}&datetime=");

        var day = await _planner.GetJsonAsync(grid + $"{Q(Day(26))}/{Q(Day(27))}");
        Assert.Equal(3, Assert.Single(day["features"]!.AsArray())!["properties"]!["count"]!.GetValue<int>());
        var hourLater = await _planner.GetAsync(grid + $"{Q(Day(26))}/{Q(Day(27).AddHours(1))}");
        if (hourLater.IsSuccessStatusCode)
            Assert.Equal(day["features"]!.ToJsonString(), JsonNode.Parse(await hourLater.Content.ReadAsStringAsync())!["features"]!.ToJsonString());
        else
            Assert.NotNull((await ProblemAsync(hourLater, 422))["errors"]!["datetime"]);

        foreach (var fine in new[] { Q(Day(27).AddHours(1)), $"{Q(Day(26).AddHours(1))}/.." })
            Assert.NotNull((await ProblemAsync(await _planner.GetAsync(grid + fine), 422))["errors"]!["datetime"]);
        // A date alone is a whole Brussels day (QueryTime), so it is allowed and counts that day only.
        Assert.Equal(day["features"]!.ToJsonString(), (await _planner.GetJsonAsync(grid + "2026-01-26"))["features"]!.ToJsonString());
        // Other roles keep any datetime.
        await _recorder.GetJsonAsync(grid + $"{Q(Day(26))}/{Q(Day(27).AddHours(1))}");
    }

    /// <summary>Planners' filters: whole days and chosen areas of at least Privacy:PlannerMinAreaM2;
    /// predefined areas always. Refusals are 422 naming the field.</summary>
    [Theory]
    [InlineData("/api/aggregates/grid?bbox=4.3500,50.8450,4.3514,50.8459", "bbox")]
    [InlineData("/api/aggregates/areas?bbox=4.3500,50.8450,4.3514,50.8459", "bbox")]
    [InlineData("/api/stats/timeseries?bbox=4.3500,50.8450,4.3514,50.8459", "bbox")]
    [InlineData("/api/stats/timeseries?from=2026-01-05T01:00:00%2B01:00&to=2026-01-09T00:00:00%2B01:00", "from")]
    [InlineData("/api/aggregates/grid?from=2026-01-05T00:00:00%2B01:00&to=2026-01-05T13:00:00%2B01:00", "to")]
    [InlineData("/api/map/clusters?bbox=4.30,50.82,4.40,50.87&zoom=14&from=2026-01-05T00:30:00%2B01:00", "from")]
    public async Task Planner_requests_finer_than_whole_days_or_the_minimum_area_are_refused(string url, string field)
    {
        Assert.NotNull((await ProblemAsync(await _planner.GetAsync(url), 422))["errors"]![field]);
        Assert.True((await app.ClientFor("analyst").GetAsync(url)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Predefined_areas_and_whole_days_are_allowed_for_planners()
    {
        var area = await app.ScalarAsync<int>("SELECT id FROM areas WHERE kind = 'Neighbourhood' ORDER BY ST_Area(geometry::geography) LIMIT 1");
        await _planner.GetJsonAsync($"/api/stats/timeseries?area={area}&from={Q(Day(5))}&to={Q(Day(9))}&bucket=day");
        await _planner.GetJsonAsync($"/api/areas/{area}/summary?from={Q(Day(5))}&to={Q(Day(9))}");
        await _planner.GetJsonAsync("/api/aggregates/grid?bbox=4.3500,50.8450,4.3572,50.8496");
        Assert.NotNull((await ProblemAsync(await _planner.GetAsync($"/api/areas/{area}/summary?from={Q(Day(5).AddHours(10))}"), 422))["errors"]!["from"]);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Exports;

/// <summary>Downloads over real HTTP: whole-filter observation files, aggregates with counts per
/// category, saved analysis layers; CSV axis order, file names, role shaping and suppression.</summary>
public class ExportTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _recorder = app.ClientFor("recorder");

    private static List<string[]> Csv(string text)
    {
        // A small RFC 4180 reader, enough to check quoting round-trips.
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else field.Append(c);
        }
        return rows;
    }

    private static async Task<(string Text, string FileName)> DownloadAsync(HttpClient http, string url, string mediaType)
    {
        var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        return (text, response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
    }

    [Fact]
    public async Task Observation_csv_puts_longitude_before_latitude_names_the_file_after_the_filter_and_quotes_text()
    {
        var s = UniqueSource();
        await _recorder.CreateAsync(Observation(s, lon: 4.3360, lat: 50.8357, category: "syringe", note: "near the \"blue\" door, stairwell B"));
        await _recorder.CreateAsync(Observation(s, lon: 4.3401, lat: 50.8402, category: "syringe", note: "=HYPERLINK(\"x\")"));
        var filter = $"source={s}&category=syringe&from=2025-05-01T00:00:00Z&to=2025-07-01T00:00:00Z";

        var (text, file) = await DownloadAsync(_recorder, $"/api/exports/observations?format=csv&{filter}", "text/csv");
        var rows = Csv(text);
        Assert.Equal(["id", "longitude", "latitude", "category", "observed_at", "quantity", "source", "organisation", "note"], rows[0]);
        Assert.Equal(3, rows.Count);
        var first = rows.Single(r => r[8].Contains("blue"));
        // The axis order is pinned: Brussels longitudes are about 4.3, latitudes about 50.8.
        Assert.Equal(4.336, double.Parse(first[1], System.Globalization.CultureInfo.InvariantCulture), 7);
        Assert.Equal(50.8357, double.Parse(first[2], System.Globalization.CultureInfo.InvariantCulture), 7);
        Assert.Equal("near the \"blue\" door, stairwell B", first[8]);
        Assert.StartsWith("'=HYPERLINK", rows.Single(r => r[8].Contains("HYPERLINK"))[8]); // not run as a formula by spreadsheets
        // "as of" is the Brussels date: between 23:00 and 24:00 UTC in winter it is already tomorrow there.
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));
        Assert.Equal($"scenemonitor_observations_2025-05-01_to_2025-07-01_syringe_{s}_asof_{today:yyyy-MM-dd}.csv", file);

        var (json, jsonFile) = await DownloadAsync(_recorder, $"/api/exports/observations?{filter}", "application/geo+json");
        var doc = JsonNode.Parse(json)!;
        Assert.Equal(2, doc["features"]!.AsArray().Count);
        Assert.Equal(2, doc["numberMatched"]!.GetValue<int>());
        Assert.False(doc["metadata"]!["syntheticDemoData"]!.GetValue<bool>());
        Assert.Equal("syringe", doc["metadata"]!["filter"]!["category"]!.GetValue<string>());
        var point = doc["features"]!.AsArray().Single(f => f!["properties"]!["note"]!.GetValue<string>().Contains("blue"))!["geometry"]!["coordinates"]!;
        Assert.Equal(4.336, point[0]!.GetValue<double>(), 7);
        Assert.EndsWith(".geojson", jsonFile);
    }

    [Fact]
    public async Task Analysts_export_the_coarse_view_planners_cannot_export_points_and_bad_formats_are_refused()
    {
        var s = UniqueSource();
        await _recorder.CreateAsync(Observation(s, lon: 4.33612, lat: 50.83577, note: "stairwell"));
        var (text, _) = await DownloadAsync(app.ClientFor("analyst"), $"/api/exports/observations?format=csv&source={s}", "text/csv");
        var row = Csv(text)[1];
        Assert.NotEqual("4.33612", row[1]);
        Assert.Equal("", row[8]); // notes are hidden from analysts
        Assert.EndsWith(":00:00Z", row[4]);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("planner").GetAsync($"/api/exports/observations?source={s}")).StatusCode);
        var bad = await _recorder.GetAsync($"/api/exports/observations?format=xlsx&source={s}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("format", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Grid_and_area_aggregates_carry_counts_per_category_and_a_small_category_hides_them_all()
    {
        var s = UniqueSource();
        // One 100 m square cell: 6 syringes, 4 pipes, 2 complaints (below k = 3).
        var items = Enumerable.Range(0, 6).Select(_ => Observation(s, 4.3360, 50.8357, "syringe"))
            .Concat(Enumerable.Range(0, 4).Select(_ => Observation(s, 4.3360, 50.8357, "discarded_pipe")))
            .Concat(Enumerable.Range(0, 2).Select(_ => Observation(s, 4.3360, 50.8357, "complaint"))).ToArray();
        Assert.Equal(HttpStatusCode.Created, (await _recorder.PostAsJsonAsync("/api/observations/batch", new { observations = items })).StatusCode);
        var planner = app.ClientFor("planner");

        var (json, file) = await DownloadAsync(planner, $"/api/aggregates/grid?source={s}&cellSize=100&grid=square", "application/geo+json");
        var cell = Assert.Single(JsonNode.Parse(json)!["features"]!.AsArray())!;
        Assert.Equal("Polygon", cell["geometry"]!["type"]!.GetValue<string>());
        var p = cell["properties"]!;
        Assert.Equal(12, p["count"]!.GetValue<int>());
        // The complaints (2 < k) hide every category, zeros too: 12 − 6 − 4 would give them back, and
        // with only the next smallest hidden a reader who knows the rule can often still tell.
        Assert.Null(p["count_complaint"]);
        Assert.Null(p["count_syringe"]);
        Assert.Null(p["count_discarded_pipe"]);
        Assert.Null(p["count_ammonia_bottle"]);
        var (without, _) = await DownloadAsync(planner, $"/api/aggregates/grid?source={s}&cellSize=100&grid=square&category=syringe,discarded_pipe", "application/geo+json");
        var shown = Assert.Single(JsonNode.Parse(without)!["features"]!.AsArray())!["properties"]!;
        Assert.Equal((10, 6, 4), (shown["count"]!.GetValue<int>(), shown["count_syringe"]!.GetValue<int>(), shown["count_discarded_pipe"]!.GetValue<int>()));
        Assert.StartsWith($"scenemonitor_grid_{s}_square100m_asof_", file);

        var (csv, csvFile) = await DownloadAsync(planner, $"/api/aggregates/grid?source={s}&cellSize=100&grid=square&format=csv", "text/csv");
        var rows = Csv(csv);
        Assert.Equal(["i", "j", "centre_longitude", "centre_latitude", "count", "quantity", "suppressed"], rows[0][..7]);
        Assert.Equal("wkt", rows[0][^1]);
        var row = rows[1];
        Assert.InRange(double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture), 4.33, 4.34);
        Assert.InRange(double.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture), 50.83, 50.84);
        Assert.Equal("12", row[Array.IndexOf(rows[0], "count")]);
        Assert.Equal("", row[Array.IndexOf(rows[0], "count_syringe")]);
        Assert.Equal("", row[Array.IndexOf(rows[0], "count_complaint")]);
        Assert.StartsWith("POLYGON((", row[^1]);
        Assert.EndsWith(".csv", csvFile);

        var (areas, _) = await DownloadAsync(planner, $"/api/aggregates/areas?kind=municipality&source={s}&format=csv", "text/csv");
        var areaRows = Csv(areas);
        Assert.Equal(["id", "name", "code", "centre_longitude", "centre_latitude", "count"], areaRows[0][..6]);
        var withData = Assert.Single(areaRows.Skip(1), r => r[5] != "0");
        Assert.Equal("12", withData[5]);
        Assert.Matches("^(MULTI)?POLYGON", withData[^1]);
    }

    [Fact]
    public async Task A_saved_analysis_layer_downloads_as_geojson_and_csv_with_the_same_features()
    {
        var s = UniqueSource();
        var items = Enumerable.Range(0, 20).Select(i => Observation(s, 4.3360 + (i % 5) * 0.0002, 50.8357, at: new DateTimeOffset(2025, 2, 1, 12, 0, 0, TimeSpan.Zero)))
            .Concat(Enumerable.Range(0, 20).Select(i => Observation(s, 4.3296 + (i % 5) * 0.0002, 50.8415, at: new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero)))).ToArray();
        Assert.Equal(HttpStatusCode.Created, (await _recorder.PostAsJsonAsync("/api/observations/batch", new { observations = items })).StatusCode);
        var run = await _recorder.PostAsJsonAsync("/api/displacement", new
        {
            area = new[] { 4.32, 50.83, 4.35, 50.85 },
            before = new { from = "2025-01-01T00:00:00Z", to = "2025-03-01T00:00:00Z" },
            after = new { from = "2025-03-01T00:00:00Z", to = "2025-05-01T00:00:00Z" },
            grid = "square", cellSize = 200,
        });
        var result = (await run.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = result["id"]!.GetValue<string>();
        var cellCount = result["cells"]!["features"]!.AsArray().Count;

        var (json, file) = await DownloadAsync(_recorder, $"/api/exports/analyses/{id}?layer=cells", "application/geo+json");
        Assert.Equal(cellCount, JsonNode.Parse(json)!["features"]!.AsArray().Count);
        Assert.Contains("_cells_", file);
        var (csv, _) = await DownloadAsync(_recorder, $"/api/exports/analyses/{id}?layer=cells&format=csv", "text/csv");
        var rows = Csv(csv);
        Assert.Equal(cellCount + 1, rows.Count);
        Assert.Equal(["longitude", "latitude"], rows[0][..2]);
        Assert.Contains("countA", rows[0]);
        Assert.All(rows.Skip(1), r => Assert.InRange(double.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), 4.3, 4.4));
        Assert.All(rows.Skip(1), r => Assert.StartsWith("POLYGON", r[^1]));
        var (vectors, _) = await DownloadAsync(_recorder, $"/api/exports/analyses/{id}?layer=vectors&format=csv", "text/csv");
        Assert.Equal(result["vectors"]!["features"]!.AsArray().Count + 1, Csv(vectors).Count);

        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientFor("planner").GetAsync($"/api/exports/analyses/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _recorder.GetAsync($"/api/exports/analyses/{id}?layer=people")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _recorder.GetAsync($"/api/exports/analyses/{Guid.NewGuid()}")).StatusCode);
    }
}

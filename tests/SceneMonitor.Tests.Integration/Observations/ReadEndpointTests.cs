using System.Diagnostics;
using System.Net.Http.Json;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Observations;

public class ReadEndpointTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("recorder");

    [Fact]
    public async Task Health_reports_postgis()
    {
        var health = await _http.GetJsonAsync("/health");
        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.StartsWith("3.", health["postgis"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_observation_endpoints()
    {
        var doc = await _http.GetJsonAsync("/openapi/v1.json");
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/observations", paths);
        Assert.Contains("/api/observations/batch", paths);
        Assert.Contains("/api/stats/timeseries", paths);
        var schemes = doc["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("bearer", schemes["Bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", schemes["ApiKey"]!["name"]!.GetValue<string>());
        Assert.Equal(2, doc["security"]!.AsArray().Count);
    }

    [Fact]
    public async Task Categories_include_core_and_extra_with_three_languages()
    {
        var categories = await _http.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/categories");
        var codes = categories!.Select(c => c["code"].ToString()).ToList();
        Assert.Equal(["consumption_site", "dealing_point", "discarded_pipe", "ammonia_bottle", "syringe", "complaint"], codes.Take(6));
        Assert.Contains("aggression_incident", codes);
        Assert.All(categories!, c => Assert.False(string.IsNullOrEmpty(c["labelFr"].ToString())));
    }

    [Fact]
    public async Task Areas_hold_19_municipalities_and_145_neighbourhoods()
    {
        Assert.Equal(19, (await _http.GetJsonAsync("/api/areas?kind=municipality"))["features"]!.AsArray().Count);
        var neighbourhoods = (await _http.GetJsonAsync("/api/areas?kind=neighbourhood"))["features"]!.AsArray();
        Assert.Equal(145, neighbourhoods.Count);
        Assert.Contains(neighbourhoods, f => f!["properties"]!["name"]!.GetValue<string>().Contains("Matonge"));
        await ProblemAsync(await _http.GetAsync("/api/areas?kind=planet"), 400);
    }

    [Fact]
    public async Task Area_summary_counts_per_category_in_the_period()
    {
        var s = UniqueSource();
        // Three inside Ixelles in June, one in July (outside the period), one in Schaerbeek.
        await _http.CreateAsync(Observation(s, 4.3723, 50.8275, "syringe", BaseTime, quantity: 5));
        await _http.CreateAsync(Observation(s, 4.3725, 50.8277, "syringe", BaseTime.AddDays(1), quantity: 2));
        await _http.CreateAsync(Observation(s, 4.3721, 50.8273, "complaint", BaseTime.AddDays(2)));
        await _http.CreateAsync(Observation(s, 4.3721, 50.8273, "complaint", BaseTime.AddDays(40)));
        await _http.CreateAsync(Observation(s, 4.3780, 50.8676, "syringe", BaseTime));
        // Other tests in this class add observations too, but only this test writes in Ixelles.
        var ixelles = await app.ScalarAsync<int>("SELECT id FROM areas WHERE kind = 'Municipality' AND code = '21009'");

        var summary = await _http.GetJsonAsync($"/api/areas/{ixelles}/summary?from=2025-06-01&to=2025-07-01");
        var byCode = summary["categories"]!.AsArray().ToDictionary(c => c!["category"]!.GetValue<string>());
        Assert.Equal(2, byCode["syringe"]!["count"]!.GetValue<int>());
        Assert.Equal(7, byCode["syringe"]!["quantity"]!.GetValue<long>());
        Assert.Equal(1, byCode["complaint"]!["count"]!.GetValue<int>());
        Assert.Equal(3, summary["total"]!.GetValue<int>());
        await ProblemAsync(await _http.GetAsync("/api/areas/999999/summary"), 404);
    }

    [Fact]
    public async Task Time_series_counts_per_local_day_week_and_month_with_empty_buckets()
    {
        var s = UniqueSource();
        var local = TimeSpan.FromHours(2); // Brussels summer time
        await _http.CreateAsync(Observation(s, at: new DateTimeOffset(2025, 6, 2, 0, 30, 0, local)));  // Monday, local
        await _http.CreateAsync(Observation(s, at: new DateTimeOffset(2025, 6, 2, 23, 30, 0, local), quantity: 4));
        await _http.CreateAsync(Observation(s, at: new DateTimeOffset(2025, 6, 4, 10, 0, 0, local)));
        await _http.CreateAsync(Observation(s, at: new DateTimeOffset(2025, 6, 10, 10, 0, 0, local)));

        var days = await _http.GetJsonAsync($"/api/stats/timeseries?bucket=day&source={s}&from=2025-06-02T00:00:00%2B02:00&to=2025-06-05T00:00:00%2B02:00");
        var counts = days["buckets"]!.AsArray().Select(b => b!["count"]!.GetValue<int>()).ToArray();
        Assert.Equal([2, 0, 1], counts); // 00:30 local is 22:30 UTC the day before: bucketed by Brussels day
        Assert.Equal(5, days["buckets"]![0]!["quantity"]!.GetValue<long>());
        Assert.StartsWith("2025-06-02T00:00:00+02:00", days["buckets"]![0]!["start"]!.GetValue<string>());

        var weeks = await _http.GetJsonAsync($"/api/stats/timeseries?bucket=week&source={s}&from=2025-06-02T00:00:00%2B02:00&to=2025-06-16T00:00:00%2B02:00");
        Assert.Equal([3, 1], weeks["buckets"]!.AsArray().Select(b => b!["count"]!.GetValue<int>()).ToArray());

        var months = await _http.GetJsonAsync($"/api/stats/timeseries?bucket=month&source={s}&from=2025-05-01T00:00:00%2B02:00&to=2025-07-01T00:00:00%2B02:00");
        Assert.Equal([0, 4], months["buckets"]!.AsArray().Select(b => b!["count"]!.GetValue<int>()).ToArray());
        await ProblemAsync(await _http.GetAsync("/api/stats/timeseries?bucket=hour"), 400);
    }

    [Fact]
    public async Task Observation_geojson_opens_in_gdal_without_warnings()
    {
        var s = UniqueSource();
        await _http.CreateAsync(Observation(s, note: "près de l'entrée \"B\""));
        await _http.CreateAsync(Observation(s, 4.35, 50.85, "complaint"));
        var path = Path.Combine(Path.GetTempPath(), $"observations-{s}.geojson");
        await File.WriteAllTextAsync(path, await _http.GetStringAsync($"/api/observations?source={s}"));

        var info = Process.Start(new ProcessStartInfo("ogrinfo", ["-ro", "-al", "-so", path])
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = await info.StandardOutput.ReadToEndAsync();
        var stderr = await info.StandardError.ReadToEndAsync();
        await info.WaitForExitAsync();
        Assert.Equal(0, info.ExitCode);
        Assert.Equal("", stderr.Trim());
        Assert.Contains("Geometry: Point", stdout);
        Assert.Contains("Feature Count: 2", stdout);
        Assert.Contains("category: String", stdout);
    }
}

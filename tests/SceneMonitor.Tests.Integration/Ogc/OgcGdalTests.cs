using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;
using static SceneMonitor.Tests.Integration.Ogc.OgcApi;

namespace SceneMonitor.Tests.Integration.Ogc;

/// <summary>The app on a real TCP port (Kestrel): ogrinfo and ogr2ogr cannot reach the in-memory test server.</summary>
public sealed class KestrelSceneMonitorApp : SceneMonitorApp
{
    public KestrelSceneMonitorApp() => UseKestrel(0);

    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
        .Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
}

/// <summary>250 observations (200 syringes on 1 June 2025, 50 complaints on 3 June) and API keys for a recorder and a planner.</summary>
public sealed class OgcGdalFixture : IAsyncLifetime
{
    public const int Syringes = 200, Complaints = 50;
    public KestrelSceneMonitorApp App { get; } = new();
    public string RecorderKey { get; private set; } = "";
    public string PlannerKey { get; private set; } = "";
    public string Source { get; } = UniqueSource();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)App).InitializeAsync();
        var recorder = App.ClientFor("recorder");
        await recorder.SeedAsync(Source, Spread(Syringes));
        // Complaints two days after the syringes (BaseTime, 1 June 2025 12:00Z): date filters split them.
        await recorder.SeedAsync(Source, Spread(Complaints, "complaint").Select(s => s with { Lat = s.Lat + 0.01, At = BaseTime.AddDays(2) }));
        RecorderKey = await KeyAsync("gdal-recorder", "recorder");
        PlannerKey = await KeyAsync("gdal-planner", "planner");
    }

    private async Task<string> KeyAsync(string name, string role)
    {
        var response = await App.ClientFor("admin").PostAsJsonAsync("/api/admin/api-keys", new { name, role, organisation = "gis" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();
}

/// <summary>GDAL's OAPIF driver (Debian's gdal-bin) against the running app, authenticated with an
/// X-Api-Key header through GDAL_HTTP_HEADERS: it lists the collections, counts, pages through every
/// feature and sends a bbox, with no errors and the same counts as the API.</summary>
public class OgcGdalTests(OgcGdalFixture fixture) : IClassFixture<OgcGdalFixture>
{
    private string Ogc => $"OAPIF:{fixture.App.BaseUrl}/ogc";

    private sealed record Run(int ExitCode, string Stdout, string Stderr);

    private static Task<Run> GdalAsync(string tool, string key, params string[] args) => GdalAsync(tool, key, debug: false, args);

    /// <summary>With <paramref name="debug"/>, CPL_DEBUG=ON: GDAL then logs each URL it fetches and how it
    /// split a -where between server and client, on stderr.</summary>
    private static async Task<Run> GdalAsync(string tool, string key, bool debug, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (debug) start.Environment["CPL_DEBUG"] = "ON";
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add("GDAL_HTTP_HEADERS");
        start.ArgumentList.Add($"X-Api-Key: {key}");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    private static void Succeeded(Run run)
    {
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}");
        Assert.DoesNotContain("ERROR", run.Stderr);
        Assert.DoesNotContain("Warning", run.Stderr);
    }

    private static long FeatureCount(Run run) =>
        long.Parse(run.Stdout.Split('\n').Single(l => l.StartsWith("Feature Count:", StringComparison.Ordinal))["Feature Count:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<long> ApiCountAsync(string query = "")
    {
        var page = await fixture.App.ClientFor("recorder").GetJsonAsync($"{Items}?limit=1{query}");
        return page["numberMatched"]!.GetValue<long>();
    }

    [Fact]
    public async Task Ogrinfo_lists_the_collections()
    {
        var run = await GdalAsync("ogrinfo", fixture.RecorderKey, "-ro", "-so", Ogc);
        Succeeded(run);
        Assert.Contains("1: observations (title: Observations) (Point)", run.Stdout);
        Assert.Contains("2: observation-grid", run.Stdout);
        Assert.Contains("3: areas (title: Areas) (Multi Polygon)", run.Stdout);
        Assert.Contains("4: interventions", run.Stdout);
    }

    [Fact]
    public async Task Ogrinfo_counts_the_same_features_as_the_api()
    {
        var run = await GdalAsync("ogrinfo", fixture.RecorderKey, "-ro", "-so", Ogc, "observations");
        Succeeded(run);
        Assert.Equal(OgcGdalFixture.Syringes + OgcGdalFixture.Complaints, await ApiCountAsync());
        Assert.Equal(await ApiCountAsync(), FeatureCount(run));
        Assert.Contains("category: String", run.Stdout);
        Assert.Contains("observedAt: DateTime", run.Stdout);
    }

    [Fact]
    public async Task Ogr2ogr_reads_every_feature_across_pages()
    {
        var output = Path.Combine(Path.GetTempPath(), $"ogc-{Guid.NewGuid():N}.geojson");
        var before = await PagesReadAsync();
        try
        {
            var run = await GdalAsync("ogr2ogr", fixture.RecorderKey, "-f", "GeoJSON", output, Ogc, "observations", "-oo", "PAGE_SIZE=40");
            Succeeded(run);
            var features = JsonNode.Parse(await File.ReadAllTextAsync(output))!["features"]!.AsArray();
            Assert.Equal(await ApiCountAsync(), features.Count);
            Assert.Equal(features.Count, features.Select(f => f!["properties"]!["category"]!.GetValue<string>() + f["geometry"]!.ToJsonString()).Distinct().Count());
            Assert.Equal(OgcGdalFixture.Complaints, features.Count(f => f!["properties"]!["category"]!.GetValue<string>() == "complaint"));
        }
        finally { File.Delete(output); }
        // 250 features at 40 a page: at least 7 audited page reads by the key.
        Assert.True(await PagesReadAsync() - before >= 7, "GDAL followed the next links page by page");
    }

    private Task<long> PagesReadAsync() => fixture.App.ScalarAsync<long>(
        "SELECT count(*) FROM audit_log WHERE actor = 'apikey:gdal-recorder' AND target = 'GET /ogc/collections/observations/items'");

    [Fact]
    public async Task Spatial_and_attribute_filters_match_the_api()
    {
        const string box = "4.34 50.84 4.345 50.843";
        var spat = await GdalAsync("ogrinfo", fixture.RecorderKey, "-ro", "-so", Ogc, "observations", "-spat", "4.34", "50.84", "4.345", "50.843");
        Succeeded(spat);
        var expected = await ApiCountAsync("&bbox=" + box.Replace(' ', ','));
        Assert.InRange(expected, 1, OgcGdalFixture.Syringes - 1);
        Assert.Equal(expected, FeatureCount(spat));
        Assert.True(await fixture.App.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE actor = 'apikey:gdal-recorder' AND parameters::text LIKE '%bbox%'") > 0,
            "the bbox was sent to the server");

        var where = await GdalAsync("ogrinfo", fixture.RecorderKey, "-ro", "-so", Ogc, "observations", "-where", "category = 'complaint'");
        Succeeded(where);
        Assert.Equal(OgcGdalFixture.Complaints, FeatureCount(where));
    }

    [Fact]
    public async Task A_planner_key_gets_the_grid_but_not_the_observations()
    {
        var list = await GdalAsync("ogrinfo", fixture.PlannerKey, "-ro", "-so", Ogc);
        Succeeded(list);
        Assert.DoesNotContain(": observations ", list.Stdout);
        Assert.Contains("1: observation-grid", list.Stdout);

        var grid = await GdalAsync("ogrinfo", fixture.PlannerKey, "-ro", "-so", Ogc, "observation-grid");
        Succeeded(grid);
        Assert.Contains("Geometry: Polygon", grid.Stdout);
        Assert.True(FeatureCount(grid) > 0);
    }

    /// <summary>GDAL 3.6 pushes -where to the server as CQL only when filter-lang lists cql-text (what it
    /// logs as "CQL text detected"); each case checks the debug log for the filter in the fetched URL,
    /// that nothing was left to client-side evaluation, and the count against the API's own.</summary>
    [Theory]
    [InlineData("category = 'complaint'", "category = 'complaint'", OgcGdalFixture.Complaints)]
    // A date-only -where: GDAL writes '2025-06-02T', read as local midnight (Brussels).
    [InlineData("observedAt >= '2025-06-02'", "observedAt >= '2025-06-02T'", OgcGdalFixture.Complaints)]
    [InlineData("observedAt < '2025/06/02 00:00:00'", "observedAt < '2025-06-02T00:00:00Z'", OgcGdalFixture.Syringes)]
    [InlineData("category = 'syringe' AND observedAt >= '2025-06-01' AND quantity >= 1", "((category = 'syringe') AND (observedAt >= '2025-06-01T')) AND (quantity >= 1)", OgcGdalFixture.Syringes)]
    [InlineData("category = 'complaint' OR category LIKE 'syr%'", "(category = 'complaint') OR (category LIKE 'syr%')", OgcGdalFixture.Syringes + OgcGdalFixture.Complaints)]
    public async Task Where_is_sent_to_the_server_as_cql(string where, string cql, int expected)
    {
        var run = await GdalAsync("ogrinfo", fixture.RecorderKey, debug: true, "-ro", "-so", Ogc, "observations", "-where", where);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("CQL text detected", run.Stderr);
        Assert.DoesNotContain("evaluated on client side", run.Stderr);
        var fetched = run.Stderr.Split('\n').Where(l => l.Contains("/collections/observations/items?", StringComparison.Ordinal)).Select(Uri.UnescapeDataString).ToList();
        Assert.True(fetched.Any(l => l.Contains("filter=" + cql + "&filter-lang=cql-text", StringComparison.Ordinal)), string.Join("\n", fetched));
        Assert.Equal(expected, FeatureCount(run));
    }

    [Fact]
    public async Task Vsicurl_reads_a_csv_export_after_its_head_request()
    {
        // CSV: names the driver, since the URL ends in a query rather than .csv.
        var url = $"CSV:/vsicurl/{fixture.App.BaseUrl}/api/exports/observations?format=csv&category=complaint";
        var run = await GdalAsync("ogrinfo", fixture.RecorderKey, debug: true, "-ro", "-al", "-so", "-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude", url);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("VSICURL: GetFileSize(", run.Stderr); // from the HEAD request
        Assert.DoesNotContain("response_code=405", run.Stderr);
        Assert.Equal(OgcGdalFixture.Complaints, FeatureCount(run));
    }
}

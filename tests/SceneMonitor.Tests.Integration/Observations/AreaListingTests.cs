using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Observations;

/// <summary>GET /api/areas for the map: a validator (ETag, If-None-Match → 304), a Cache-Control
/// that makes the page ask again (so an admin's change shows at once), and outlines simplified for
/// a zoom without moving more than half a pixel of it.</summary>
public class AreaListingTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _http = app.ClientFor("recorder");
    private readonly HttpClient _admin = app.ClientFor("admin");
    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    private async Task<HttpResponseMessage> GetAsync(string url, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task A_listing_carries_an_etag_and_the_same_etag_gets_304_without_a_body()
    {
        var first = await GetAsync("/api/areas?kind=municipality&zoom=14");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!.ToString();
        Assert.True(first.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {first.Headers.CacheControl}");
        Assert.Equal(19, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("features").GetArrayLength());

        var again = await GetAsync("/api/areas?kind=municipality&zoom=14", etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag!.ToString());

        // Another zoom or kind is another listing with its own validator.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/areas?kind=municipality&zoom=12", etag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/areas?kind=municipality", etag)).StatusCode);
    }

    [Fact]
    public async Task An_admins_new_custom_area_changes_the_etag_at_once()
    {
        var before = await GetAsync("/api/areas?kind=custom");
        var etag = before.Headers.ETag!.ToString();
        var polygon = new { type = "Polygon", coordinates = new[] { new[] { new[] { 4.33, 50.83 }, new[] { 4.34, 50.83 }, new[] { 4.34, 50.84 }, new[] { 4.33, 50.83 } } } };
        var created = await _admin.PostAsJsonAsync("/api/areas", new { name = "Listing test area", geometry = polygon });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var after = await GetAsync("/api/areas?kind=custom", etag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag!.ToString());
        var names = (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("name").GetString()).ToList();
        Assert.Contains("Listing test area", names);
    }

    [Fact]
    public async Task Outlines_for_a_zoom_are_smaller_and_stay_within_half_a_pixel_of_the_full_ones()
    {
        var full = await GetAsync("/api/areas?kind=neighbourhood");
        var simple = await GetAsync("/api/areas?kind=neighbourhood&zoom=12");
        var fullBytes = await full.Content.ReadAsByteArrayAsync();
        var simpleBytes = await simple.Content.ReadAsByteArrayAsync();
        Assert.True(simpleBytes.Length < fullBytes.Length / 2, $"{simpleBytes.Length} bytes at zoom 12 against {fullBytes.Length} in full");

        var fullAreas = Geometries(fullBytes);
        var simpleAreas = Geometries(simpleBytes);
        Assert.Equal(fullAreas.Keys.Order(), simpleAreas.Keys.Order());
        // Half a pixel at zoom 12 with 256-pixel tiles: 360° / (256 × 2^12) / 2 = 1.717e-4° of
        // longitude; Douglas–Peucker keeps every point of the outline within that distance. The
        // coordinates are written with 5 decimals at this zoom: at most 0.5e-5° more per axis.
        var tolerance = 360.0 / (256 * Math.Pow(2, 12)) / 2 + 1e-5;
        foreach (var (id, geometry) in fullAreas)
        {
            var distance = DiscreteHausdorffDistance.Distance(geometry, simpleAreas[id]);
            Assert.True(distance <= tolerance, $"area {id}: {distance:E3}° from its full outline");
        }
    }

    [Theory]
    [InlineData("zoom=abc")]
    [InlineData("zoom=23")]
    [InlineData("zoom=-1")]
    public async Task A_zoom_that_is_no_map_zoom_is_refused_by_name(string query)
    {
        var problem = await ProblemAsync(await GetAsync($"/api/areas?{query}"), 400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("zoom"));
    }

    private static Dictionary<int, Geometry> Geometries(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("features").EnumerateArray().ToDictionary(
            f => f.GetProperty("id").GetInt32(),
            f => JsonSerializer.Deserialize<Geometry>(f.GetProperty("geometry").GetRawText(), GeoJson)!);
    }
}

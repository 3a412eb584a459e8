using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SceneMonitor.Tests.Integration.Observations;

/// <summary>Small helpers for calling the observation API in tests.</summary>
public static class ObservationApi
{
    public static readonly DateTimeOffset BaseTime = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A unique source per test keeps tests in one database independent of each other.</summary>
    public static string UniqueSource() => "test_" + Guid.NewGuid().ToString("N")[..12];

    public static object Observation(string source, double lon = 4.3360, double lat = 50.8357, string category = "syringe",
        DateTimeOffset? at = null, int quantity = 1, string? externalRef = null, string? note = null) =>
        new { category, longitude = lon, latitude = lat, observedAt = at ?? BaseTime, quantity, source, externalRef, note };

    public static async Task<long> CreateAsync(this HttpClient http, object observation)
    {
        var response = await http.PostAsJsonAsync("/api/observations", observation);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>The id an analyst names an observation by (opaque; numeric ids are for exact readers).</summary>
    public static string OpaqueId(this SceneMonitor.Tests.Support.SceneMonitorApp app, long id) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SceneMonitor.Api.Security.ObservationIds>(app.Services).Opaque(id);

    public static async Task<JsonObject> GetJsonAsync(this HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static long[] Ids(JsonObject collection) =>
        collection["features"]!.AsArray().Select(f => f!["id"]!.GetValue<long>()).ToArray();

    /// <summary>The ids of a FeatureCollection read by an analyst (opaque text).</summary>
    public static string[] OpaqueIds(JsonObject collection) =>
        collection["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).ToArray();

    /// <summary>Follows "next" links to the end and returns every id seen, in order.</summary>
    public static async Task<List<long>> AllIdsAsync(this HttpClient http, string url)
    {
        var ids = new List<long>();
        for (string? next = url; next is not null;)
        {
            var page = await http.GetJsonAsync(next);
            ids.AddRange(Ids(page));
            next = page["next"]?.GetValue<string>();
        }
        return ids;
    }

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }
}

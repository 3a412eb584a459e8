using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Ogc;

/// <summary>Helpers for the OGC API tests: seeding observations of one test's own source, reading items.</summary>
public static class OgcApi
{
    public const string Items = "/ogc/collections/observations/items";

    public sealed record Seed(double Lon, double Lat, string Category = "syringe", DateTimeOffset? At = null, int Quantity = 1, string? Note = null);

    /// <summary>Stores the observations in one batch under <paramref name="source"/> and returns their ids in order.</summary>
    public static async Task<long[]> SeedAsync(this HttpClient recorder, string source, IEnumerable<Seed> seeds)
    {
        var observations = seeds.Select(s => Observation(source, s.Lon, s.Lat, s.Category, s.At ?? BaseTime, s.Quantity, note: s.Note)).ToList();
        var response = await recorder.PostAsJsonAsync("/api/observations/batch", new { observations });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["ids"]!.AsArray().Select(i => i!.GetValue<long>()).ToArray();
    }

    /// <summary>Up to 10,000 points on a grid 0.0003° apart in Brussels-Centre (4.34–4.37, 50.84–50.87).</summary>
    public static IEnumerable<Seed> Spread(int n, string category = "syringe") =>
        Enumerable.Range(0, n).Select(i => new Seed(4.34 + i % 100 * 0.0003, 50.84 + i / 100 * 0.0003, category));

    /// <summary>The observations items URL restricted to one test's source, with more parameters.</summary>
    public static string Of(string source, string more = "") => $"{Items}?source={source}{(more.Length > 0 ? "&" + more : "")}";

    public static string Q(string value) => Uri.EscapeDataString(value);

    public static long[] FeatureIds(JsonObject collection) =>
        collection["features"]!.AsArray().Select(f => f!["id"]!.GetValue<long>()).ToArray();

    public static string[] OpaqueFeatureIds(JsonObject collection) =>
        collection["features"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).ToArray();

    public static string? Next(JsonObject collection) =>
        collection["links"]!.AsArray().FirstOrDefault(l => l!["rel"]!.GetValue<string>() == "next")?["href"]!.GetValue<string>();

    public static double[] Coordinates(JsonNode feature) =>
        feature["geometry"]!["coordinates"]!.AsArray().Select(c => c!.GetValue<double>()).ToArray();
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SceneMonitor.Tests.Integration.Analysis;

/// <summary>Helpers for calling the stateless analysis endpoints.</summary>
public static class AnalysisApi
{
    public static async Task<JsonObject> PostOkAsync(this HttpClient http, string url, object body, string mediaType = "application/json")
    {
        var response = await http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Posts and expects a 400 ValidationProblem whose errors name <paramref name="field"/>.</summary>
    public static async Task<JsonObject> PostBadAsync(this HttpClient http, string url, object body, string field)
    {
        var response = await http.PostAsJsonAsync(url, body);
        return await ExpectFieldErrorAsync(response, field, 422); // well-formed, breaks a rule
    }

    public static async Task<JsonObject> PostRawBadAsync(this HttpClient http, string url, string json, string field)
    {
        var response = await http.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        return await ExpectFieldErrorAsync(response, field, 400); // unreadable
    }

    private static async Task<JsonObject> ExpectFieldErrorAsync(HttpResponseMessage response, string field, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected an error for '{field}', got: {errors.ToJsonString()}");
        return problem;
    }

    public static object Counts(double before, double after) => new { before, after };

    /// <summary>A FeatureCollection of points; a value adds properties.value, and every feature gets a name.</summary>
    public static object ValuedPoints(params (double X, double Y, double? Value)[] points) => new
    {
        type = "FeatureCollection",
        features = points.Select((p, i) => new
        {
            type = "Feature",
            geometry = new { type = "Point", coordinates = new[] { p.X, p.Y } },
            properties = p.Value is { } v ? (object)new { name = $"p{i}", value = v } : new { name = $"p{i}" },
        }).ToArray(),
    };

    public static object Points(IEnumerable<(double X, double Y)> points) => ValuedPoints(points.Select(p => (p.X, p.Y, (double?)null)).ToArray());

    /// <summary>A FeatureCollection of square polygons with properties.id.</summary>
    public static object Squares(params (string Id, double X0, double Y0, double Size)[] squares) => new
    {
        type = "FeatureCollection",
        features = squares.Select(s => new
        {
            type = "Feature",
            geometry = new
            {
                type = "Polygon",
                coordinates = new[] { new[] {
                    new[] { s.X0, s.Y0 }, new[] { s.X0 + s.Size, s.Y0 }, new[] { s.X0 + s.Size, s.Y0 + s.Size },
                    new[] { s.X0, s.Y0 + s.Size }, new[] { s.X0, s.Y0 } } },
            },
            properties = new { id = s.Id },
        }).ToArray(),
    };

    public static double Number(this JsonNode? node) => node!.GetValue<double>();
}

using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Reliability.BadInput;

namespace SceneMonitor.Tests.Integration.Reliability;

/// <summary>Coordinates that are not finite numbers (NaN, ±Infinity, 1e999, as JSON numbers or
/// strings) everywhere a coordinate or number is read, and polygons that are not polygons
/// (self-intersecting bow-tie, unclosed ring, too few points) everywhere an area is read: each gets
/// a 4xx naming the field, never a 500, and nothing is stored.</summary>
public class BadGeometryTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private const string Period = "\"from\":\"2025-05-01T00:00:00Z\",\"to\":\"2025-06-01T00:00:00Z\"";
    private const string Periods = "\"before\":{\"from\":\"2025-04-01T00:00:00Z\",\"to\":\"2025-05-01T00:00:00Z\"},\"after\":{\"from\":\"2025-05-01T00:00:00Z\",\"to\":\"2025-06-01T00:00:00Z\"}";

    private static readonly string[] NotFinite = ["\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e999", "-1e999", "\"1e999\"", "\"-1e999\""];

    private static string Ring(string x) => $"[[{x},50.83],[4.34,50.83],[4.34,50.84],[4.33,50.84],[{x},50.83]]";
    private static string Polygon(string ring) => $"{{\"type\":\"Polygon\",\"coordinates\":[{ring}]}}";

    /// <summary>Where a number goes: URL, body with the number in it, and the error key it must be reported under (prefix).</summary>
    private static readonly (string Url, Func<string, string> Body, string Key)[] NumberTargets =
    [
        ("/api/observations", x => $"{{\"category\":\"syringe\",\"longitude\":{x},\"latitude\":50.8357,\"observedAt\":\"2025-06-01T12:00:00Z\",\"source\":\"bad_input\"}}", "longitude"),
        ("/api/observations/batch", x => $"{{\"observations\":[{{\"category\":\"syringe\",\"longitude\":4.336,\"latitude\":{x},\"observedAt\":\"2025-06-01T12:00:00Z\",\"source\":\"bad_input\"}}]}}", "observations[0]"),
        ("/api/areas", x => $"{{\"name\":\"nan area\",\"geometry\":{Polygon(Ring(x))}}}", "geometry"),
        ("/api/interventions", x => $"{{\"name\":\"nan\",\"kind\":\"clearance\",\"pillar\":\"enforcement\",\"startsAt\":\"2025-05-01T00:00:00Z\",\"targetArea\":{Polygon(Ring(x))}}}", "targetArea"),
        ("/api/sweeps", x => $"{{\"source\":\"outreach\",{Period},\"area\":{Polygon(Ring(x))}}}", "area"),
        ("/api/sweeps", x => $"{{\"source\":\"outreach\",{Period},\"widthMetres\":20,\"route\":{{\"type\":\"LineString\",\"coordinates\":[[{x},50.83],[4.34,50.84]]}}}}", "route"),
        ("/api/displacement", x => $"{{{Periods},\"area\":[{x},50.82,4.36,50.85]}}", "area"),
        ("/api/displacement", x => $"{{{Periods},\"area\":{Polygon(Ring(x))}}}", "area"),
        ("/api/emerging", x => $"{{{Period},\"area\":[{x},50.82,4.36,50.85]}}", "area"),
        ("/api/analysis/ellipse", x => $"{{\"features\":{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{x},50.83]}},\"properties\":{{}}}}]}}}}", "features"),
        ("/api/analysis/gistar", x => $"{{\"band\":300,\"features\":{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[4.33,50.83]}},\"properties\":{{\"value\":{x}}}}}]}}}}", "features"),
        ("/api/analysis/mann-kendall", x => $"{{\"series\":[1,{x},3,4]}}", "series"),
        ("/api/analysis/wdq", x => $"{{\"target\":{{\"before\":{x},\"after\":1}},\"buffer\":{{\"before\":1,\"after\":1}},\"control\":{{\"before\":1,\"after\":1}}}}", "target"),
    ];

    private static readonly (string Name, string Ring, string Says)[] BadPolygons =
    [
        ("bow-tie", "[[4.33,50.83],[4.34,50.84],[4.34,50.83],[4.33,50.84],[4.33,50.83]]", "self-intersecting"),
        ("unclosed ring", "[[4.33,50.83],[4.34,50.83],[4.34,50.84],[4.33,50.84]]", "closed"),
        ("two points", "[[4.33,50.83],[4.34,50.83],[4.33,50.83]]", ""),
    ];

    /// <summary>Where a polygon goes (method, URL, body, error key).</summary>
    private static (string Method, string Url, string Body, string Key)[] PolygonTargets(Sample s, string polygon) =>
    [
        ("POST", "/api/areas", $"{{\"name\":\"bad area\",\"geometry\":{polygon}}}", "geometry"),
        ("PUT", $"/api/areas/{s.AreaId}", $"{{\"geometry\":{polygon}}}", "geometry"),
        ("POST", "/api/interventions", $"{{\"name\":\"bad\",\"kind\":\"clearance\",\"pillar\":\"enforcement\",\"startsAt\":\"2025-05-01T00:00:00Z\",\"targetArea\":{polygon}}}", "targetArea"),
        ("PUT", $"/api/interventions/{s.InterventionId}", $"{{\"name\":\"bad\",\"kind\":\"clearance\",\"pillar\":\"enforcement\",\"startsAt\":\"2025-05-01T00:00:00Z\",\"targetArea\":{polygon}}}", "targetArea"),
        ("POST", "/api/sweeps", $"{{\"source\":\"outreach\",{Period},\"area\":{polygon}}}", "area"),
        ("POST", "/api/displacement", $"{{{Periods},\"area\":{polygon}}}", "area"),
        ("POST", "/api/displacement", $"{{{Periods},\"area\":[4.31,50.82,4.36,50.85],\"target\":{polygon}}}", "target"),
        ("POST", "/api/emerging", $"{{{Period},\"area\":{polygon}}}", "area"),
    ];

    [Fact]
    public async Task Numbers_that_are_not_finite_get_a_4xx_naming_the_field()
    {
        await ArrangeAsync(app);
        var admin = app.ClientFor("admin");
        var before = await CountsAsync(app);
        var failures = new List<string>();
        foreach (var (url, body, key) in NumberTargets)
            foreach (var x in NotFinite)
            {
                using var response = await admin.PostAsync(url, Json(body(x)));
                var text = await response.Content.ReadAsStringAsync();
                var errors = (JsonNode.Parse(text) as JsonObject)?["errors"]?.AsObject();
                if ((int)response.StatusCode is not (400 or 422) || errors is null || !errors.Any(e => e.Key.StartsWith(key, StringComparison.Ordinal)))
                    failures.Add($"{url} with {x}: expected 400/422 naming '{key}', got {(int)response.StatusCode} {Truncate(text)}");
            }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task Invalid_polygons_get_422_naming_the_field_and_the_reason()
    {
        var sample = await ArrangeAsync(app);
        var admin = app.ClientFor("admin");
        var before = await CountsAsync(app);
        var failures = new List<string>();
        foreach (var (name, ring, says) in BadPolygons)
            foreach (var (method, url, body, key) in PolygonTargets(sample, Polygon(ring)))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(body) };
                using var response = await admin.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var message = (JsonNode.Parse(text) as JsonObject)?["errors"]?[key]?[0]?.GetValue<string>();
                if ((int)response.StatusCode != 422 || message is null || !message.Contains(says, StringComparison.Ordinal))
                    failures.Add($"{method} {url}, {name}: expected 422 naming '{key}' ({says}), got {(int)response.StatusCode} {Truncate(text)}");
            }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await CountsAsync(app));
    }

    private static string Truncate(string s) => s.Length > 400 ? s[..400] + "…" : s;
}

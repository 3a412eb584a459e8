using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Reliability.BadInput;

namespace SceneMonitor.Tests.Integration.Reliability;

/// <summary>SQL-injection-like and otherwise hostile strings in every query parameter of every GET
/// that reads one. A parameter with a fixed form (dates, numbers, bbox, enums) refuses them with a
/// 4xx naming it; a free-text filter (category, source, user) simply matches nothing and answers 200
/// with an empty result. A NUL character is refused everywhere (400). Never a 500, no row changes.</summary>
public class BadQueryTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    /// <summary>A free-text filter: the result must be empty.</summary>
    private sealed record Text(Func<JsonNode, bool> IsEmpty);

    private static readonly Text ObservationsEmpty = new(j => j["numberReturned"]!.GetValue<int>() == 0);
    private static readonly Text SeriesEmpty = new(j => j["total"]!.GetValue<int>() == 0);
    private static readonly Text NoFeatures = new(j => j["features"]!.AsArray().Count == 0);
    private static readonly Text NoCounts = new(j => j["features"]!.AsArray().All(f => f!["properties"]!["count"]?.GetValue<int>() is null or 0));
    private static readonly Text NoItems = new(j => j["items"]!.AsArray().Count == 0);
    private static readonly Text NoClusters = new(j => j["total"]!.GetValue<int>() == 0);
    private static readonly Text NoEstimates = new(j => j["estimates"]!.AsArray().Count == 0);

    /// <summary>Where a 400 names the parameter: ProblemDetails errors, or Open311's [{code, description}] list.</summary>
    private static bool Names(JsonNode? json, string name) =>
        json is JsonObject o && o["errors"]?[name] is not null
        || json is JsonArray list && list.Any(e => e?["description"]?.GetValue<string>().StartsWith(name + ":", StringComparison.Ordinal) == true);

    private static readonly string[] Filter = ["bbox", "from", "to", "area"];

    /// <summary>Path, then the parameters that must be refused and the free-text ones (with how to see the result is empty).</summary>
    private static (string Path, string[] Refused, (string Name, Text Empty)[] Texts)[] Endpoints(Sample s) =>
    [
        ("/api/areas", ["kind"], []),
        ("/api/places", [], []),
        ($"/api/areas/{s.AreaId}/summary", ["from", "to"], []),
        ("/api/observations", [.. Filter, "limit", "after"], [("category", ObservationsEmpty), ("source", ObservationsEmpty)]),
        ("/api/stats/timeseries", [.. Filter, "bucket"], [("category", SeriesEmpty), ("source", SeriesEmpty)]),
        ("/api/sweeps", ["from", "to"], []),
        ("/api/observations/mine", ["days", "limit"], []),
        ("/api/scene-size/estimates", ["year", "area"], [("population", NoEstimates)]),
        ("/api/scene-size/estimates/download", ["year", "area", "format"], [("population", NoFeatures)]),
        ($"/api/interventions/{s.InterventionId}/displacement", ["weeks", "cellSize", "grid", "band", "category", "onlySweptCells", "rings", "controlFrom", "controlAreas"], []),
        ($"/api/displacement/control-suggestions?intervention={s.InterventionId}", ["weeks", "limit", "controlFrom"], []),
        ("/api/aggregates/grid", [.. Filter, "cellSize", "grid"], [("category", NoFeatures), ("source", NoFeatures)]),
        ("/api/aggregates/areas", [.. Filter, "kind"], [("category", NoCounts), ("source", NoCounts)]),
        ("/api/audit", ["from", "to", "action", "limit", "before"], [("user", NoItems)]),
        ("/api/map/clusters?bbox=4.25,50.76,4.48,50.92&zoom=13", ["from", "to", "area", "cellPixels"], [("category", NoClusters), ("source", NoClusters)]),
        ("/api/exports/observations", [.. Filter, "format"], [("category", NoFeatures), ("source", NoFeatures)]),
        ("/open311/v2/requests.json", ["service_request_id", "service_code", "start_date", "end_date", "status"], []),
        ("/open311/v2/servicerequestupdates.json", ["start_date", "end_date"], []),
        // OGC `limit` clamps any large whole number to the maximum (the standard asks for that), so it is checked in OgcItemsTests.
        ("/ogc/collections/observations/items", ["bbox", "bbox-crs", "datetime", "crs", "filter", "filter-lang", "f", "after", "q"], [("category", NoFeatures), ("source", NoFeatures)]),
        ($"/ogc/collections/observations/items/{s.ObservationId}", ["crs", "f", "q"], []),
    ];

    /// <summary>GETs that read no query parameter (route pattern, URL): an unknown hostile parameter is ignored (200),
    /// except a NUL, refused for any parameter (400).</summary>
    private static (string Pattern, string Url)[] Parameterless(Sample s) =>
    [
        ("/health", "/health"), ("/openapi/{documentName}.json", "/openapi/v1.json"), ("/api/info", "/api/info"), ("/api/auth/me", "/api/auth/me"),
        ("/api/categories", "/api/categories"), ("/api/interventions", "/api/interventions"), ("/api/interventions/{id:int}", $"/api/interventions/{s.InterventionId}"),
        ("/api/observations/{id}", $"/api/observations/{s.ObservationId}"), ("/api/admin/accounts", "/api/admin/accounts"),
        ("/api/admin/api-keys", "/api/admin/api-keys"), ("/api/admin/retention", "/api/admin/retention"),
        ("/api/imports/mappings", "/api/imports/mappings"),
        ("/api/scene-size/benchmarks", "/api/scene-size/benchmarks"), ("/api/scene-size/surveys", "/api/scene-size/surveys"),
        ("/open311/v2/services.{format}", "/open311/v2/services.json"), ("/open311/v2/services/{code}.{format}", "/open311/v2/services/syringe.json"),
        ("/open311/v2/discovery.{format}", "/open311/v2/discovery.json"),
        ("/ogc", "/ogc"), ("/ogc/conformance", "/ogc/conformance"), ("/ogc/api", "/ogc/api"), ("/ogc/collections", "/ogc/collections"),
        ("/ogc/collections/{collectionId}", "/ogc/collections/observations"), ("/ogc/collections/{collectionId}/queryables", "/ogc/collections/observations/queryables"),
    ];

    /// <summary>Not reached with a valid id here (no saved analysis or Open311 request in this database):
    /// their ids are tried in <see cref="Paths"/> or, for Open311, in Open311Tests.
    /// Open311's bare paths (XML) run the same handlers as their .{format} paths above.</summary>
    private static readonly string[] WithoutSample = ["/api/analyses/{id:guid}", "/api/exports/analyses/{id:guid}", "/open311/v2/requests/{id}.{format}", "/api/imports/{id:guid}",
        "/open311/v2/requests/{id}", "/open311/v2/requests", "/open311/v2/servicerequestupdates", "/open311/v2/services", "/open311/v2/services/{code}", "/open311/v2/discovery"];

    [Fact]
    public async Task Every_GET_is_in_the_corpus_and_unknown_parameters_are_ignored()
    {
        var sample = await ArrangeAsync(app);
        var withParameters = Endpoints(sample).Select(e => Pattern(e.Path, sample));
        var covered = withParameters.Concat(Parameterless(sample).Select(p => p.Pattern)).Concat(WithoutSample).ToHashSet();
        var gets = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/')).Distinct().ToList();
        var missing = gets.Where(g => !covered.Contains(g)).ToList();
        Assert.True(missing.Count == 0, "GET endpoints missing from BadQueryTests (list their parameters): " + string.Join(", ", missing));

        var admin = app.ClientFor("admin");
        var failures = new List<string>();
        foreach (var (pattern, url) in Parameterless(sample))
            foreach (var value in Hostile)
            {
                var (status, _, text) = await GetAsync(admin, url, "q", value);
                var expected = value.Contains('\0') ? 400 : 200;
                if (status != expected) failures.Add($"{pattern} q={Show(value)}: expected {expected}, got {status} {Truncate(text)}");
            }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>The route pattern of a URL used above (ids put back as their constraint).</summary>
    private static string Pattern(string path, Sample s) => path.Split('?')[0]
        .Replace("/open311/v2/requests.json", "/open311/v2/requests.{format}", StringComparison.Ordinal)
        .Replace("/open311/v2/servicerequestupdates.json", "/open311/v2/servicerequestupdates.{format}", StringComparison.Ordinal)
        .Replace($"/ogc/collections/observations/items/{s.ObservationId}", "/ogc/collections/{collectionId}/items/{featureId}", StringComparison.Ordinal)
        .Replace("/ogc/collections/observations/items", "/ogc/collections/{collectionId}/items", StringComparison.Ordinal)
        .Replace($"/api/areas/{s.AreaId}/", "/api/areas/{id:int}/", StringComparison.Ordinal)
        .Replace($"/api/interventions/{s.InterventionId}/", "/api/interventions/{id:int}/", StringComparison.Ordinal);

    /// <summary>Values that number parsers may accept but no parameter allows (NaN compares false with every bound).</summary>
    private static readonly string[] NumberLike = ["NaN", "Infinity", "-1e999", "99999999999999999999"];

    /// <summary>Hostile strings in path segments: the route constraints (int, long, guid) or the lookup refuse them.</summary>
    private static readonly string[] Paths = ["/api/observations/{0}", "/api/areas/{0}/summary", "/api/interventions/{0}", "/api/analyses/{0}", "/api/interventions/{0}/displacement", "/api/exports/analyses/{0}", "/api/imports/{0}"];

    [Fact]
    public async Task Hostile_query_values_are_refused_or_match_nothing_and_change_nothing()
    {
        var sample = await ArrangeAsync(app);
        var admin = app.ClientFor("admin");
        var before = await CountsAsync(app);
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var (path, refused, texts) in Endpoints(sample))
            foreach (var value in Hostile.Concat(NumberLike))
            {
                foreach (var name in refused)
                {
                    var (status, json, text) = await GetAsync(admin, path, name, value);
                    checkedCount++;
                    if (status is not (400 or 422) || !Names(json, name))
                        failures.Add($"{path} {name}={Show(value)}: expected 400/422 naming '{name}', got {status} {Truncate(text)}");
                }
                foreach (var (name, empty) in texts)
                {
                    var (status, json, text) = await GetAsync(admin, path, name, value);
                    checkedCount++;
                    var ok = value.Contains('\0')
                        ? status == 400 && Names(json, name)
                        : status == 200 && json is not null && empty.IsEmpty(json);
                    if (!ok) failures.Add($"{path} {name}={Show(value)}: expected {(value.Contains('\0') ? "400" : "200 with an empty result")}, got {status} {Truncate(text)}");
                }
            }
        // A NUL in a path is refused by the server itself (Kestrel: 400) before the app sees it.
        foreach (var pattern in Paths)
            foreach (var value in Hostile.Where(v => !v.Contains('\0')))
            {
                using var response = await admin.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, Uri.EscapeDataString(value)));
                checkedCount++;
                if ((int)response.StatusCode != 404) failures.Add($"{pattern} with {Show(value)}: expected 404, got {(int)response.StatusCode}");
            }
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        Assert.Equal(before, await CountsAsync(app));
        Assert.True(checkedCount > 400, $"only {checkedCount} requests checked");
    }

    private static async Task<(int Status, JsonNode? Json, string Text)> GetAsync(HttpClient client, string path, string name, string value)
    {
        using var response = await client.GetAsync($"{path}{(path.Contains('?') ? '&' : '?')}{name}={Uri.EscapeDataString(value)}");
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try { json = JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { }
        return ((int)response.StatusCode, json, text);
    }

    private static string Show(string value) => value.Length > 40 ? value[..40].Replace("\0", "\\0") + $"… ({value.Length} chars)" : value.Replace("\0", "\\0");
    private static string Truncate(string s) => s.Length > 300 ? s[..300] + "…" : s;
}

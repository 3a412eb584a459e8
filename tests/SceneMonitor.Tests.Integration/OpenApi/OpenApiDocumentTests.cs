using System.Text.Json.Nodes;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.OpenApi;

/// <summary>/openapi/v1.json as client generators read it (issue 15, finding 8): unique operationIds,
/// the query parameters that handlers read by hand, 201 on creates, RFC 9457 error answers and one
/// request schema per endpoint. The generated client itself is exercised in GeneratedClientTests.</summary>
public class OpenApiDocumentTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private async Task<JsonObject> DocumentAsync() => await app.ClientFor("recorder").GetJsonAsync("/openapi/v1.json");

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject doc) =>
        doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(m => m.Key is "get" or "post" or "put" or "delete" or "patch")
            .Select(m => (p.Key, m.Key, m.Value!.AsObject())));

    [Fact]
    public async Task Every_operation_has_a_unique_operationId()
    {
        var ids = Operations(await DocumentAsync()).Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();
        Assert.All(ids, id => Assert.Matches("^[a-z][A-Za-z0-9]+$", id ?? ""));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    /// <summary>The names each handler reads from request.Query (FilterParser, ObservationList,
    /// ExportFile, the feature endpoints): a GET that reads a parameter must declare it.</summary>
    public static TheoryData<string, string[]> QueryReaders => new()
    {
        { "/api/observations", ["bbox", "from", "to", "area", "category", "source", "limit", "after"] },
        { "/api/stats/timeseries", ["bucket", "bbox", "from", "to", "area", "category", "source"] },
        { "/api/map/clusters", ["zoom", "cellPixels", "bbox", "from", "to", "category"] },
        { "/api/aggregates/grid", ["bbox", "from", "to", "format", "cellSize", "grid"] },
        { "/api/aggregates/areas", ["bbox", "from", "to", "format", "kind"] },
        { "/api/exports/observations", ["bbox", "from", "to", "area", "category", "source", "format"] },
        { "/api/exports/analyses/{id}", ["format", "layer"] },
        { "/api/areas", ["kind"] },
        { "/api/observations/mine", ["days", "limit"] },
        { "/api/areas/{id}/summary", ["from", "to"] },
        { "/api/sweeps", ["from", "to"] },
        { "/api/scene-size/estimates", ["year", "area", "population"] },
        { "/api/scene-size/estimates/download", ["year", "area", "population", "format"] },
        { "/api/audit", ["from", "to", "action", "user", "limit", "before"] },
        { "/api/interventions/{id}/displacement", ["weeks", "onlySweptCells", "cellSize", "grid", "band", "category", "rings", "controlFrom", "controlAreas"] },
        { "/api/displacement/control-suggestions", ["intervention", "weeks", "limit", "controlFrom"] },
        // Open311 GeoReport v2 (Open311Requests, Open311Updates, Open311Checks, Open311Endpoints.Language).
        { "/open311/v2/requests.{format}", ["jurisdiction_id", "api_key", "service_request_id", "service_code", "status", "start_date", "end_date", "locale"] },
        { "/open311/v2/requests", ["jurisdiction_id", "api_key", "service_request_id", "service_code", "status", "start_date", "end_date", "locale"] },
        { "/open311/v2/servicerequestupdates.{format}", ["jurisdiction_id", "api_key", "start_date", "end_date"] },
        { "/open311/v2/services.{format}", ["jurisdiction_id", "locale"] },
        { "/open311/v2/discovery.{format}", ["jurisdiction_id"] },
    };

    [Fact]
    public async Task Open311_posts_declare_the_form_fields_fixmystreet_sends()
    {
        var post = (await DocumentAsync())["paths"]!["/open311/v2/requests.{format}"]!["post"]!;
        var form = post["requestBody"]!["content"]!["application/x-www-form-urlencoded"]!["schema"]!;
        var schema = form["$ref"] is { } reference
            ? (await DocumentAsync())["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]!
            : form;
        var fields = schema["properties"]!.AsObject().Select(p => p.Key).ToList();
        // Open311.pm's post_service_request params (FixMyStreetClientTests sends exactly these).
        Assert.All(new[] { "api_key", "service_code", "lat", "long", "description", "requested_datetime", "attribute[fixmystreet_id]", "jurisdiction_id" },
            f => Assert.Contains(f, fields));
    }

    [Theory]
    [MemberData(nameof(QueryReaders))]
    public async Task Gets_declare_the_query_parameters_their_handlers_read(string path, string[] names)
    {
        var get = (await DocumentAsync())["paths"]![path]!["get"]!;
        var declared = get["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.All(names, n => Assert.Contains(n, declared));
        Assert.Equal(declared.Count, declared.Distinct().Count());
    }

    /// <summary>The import's mode and mapping parameters and the saved-mapping endpoints (issue 15, findings 3 and 4).</summary>
    [Fact]
    public async Task Imports_declare_mode_and_mapping_and_the_saved_mapping_endpoints()
    {
        var paths = (await DocumentAsync())["paths"]!.AsObject();
        var post = paths.Single(p => p.Key.TrimEnd('/') == "/api/imports").Value!["post"]!;
        var declared = post["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.All(new[] { "dryRun", "wait", "mode", "mapping", "source", "lat", "lon", "time", "category", "quantity", "note", "externalRef" }, n => Assert.Contains(n, declared));
        Assert.Equal("listImportMappings", paths["/api/imports/mappings"]!["get"]!["operationId"]!.GetValue<string>());
        var put = paths["/api/imports/mappings"]!["put"]!;
        Assert.Equal("saveImportMapping", put["operationId"]!.GetValue<string>());
        Assert.Equal(["200", "400", "401", "403", "413", "422", "429", "503"], put["responses"]!.AsObject().Select(r => r.Key).Order());
        var delete = paths["/api/imports/mappings/{signature}"]!["delete"]!;
        Assert.Equal("deleteImportMapping", delete["operationId"]!.GetValue<string>());
        Assert.True(delete["responses"]!.AsObject().ContainsKey("204") && delete["responses"]!.AsObject().ContainsKey("404"));
    }

    [Fact]
    public async Task Repeatable_filters_are_arrays_and_counts_are_integers()
    {
        var parameters = (await DocumentAsync())["paths"]!["/api/observations"]!["get"]!["parameters"]!.AsArray();
        JsonNode Schema(string name) => parameters.First(p => p!["name"]!.GetValue<string>() == name)!["schema"]!;
        Assert.Equal("array", Schema("category")["type"]!.GetValue<string>());
        // style form explodes by default (category=a&category=b), so the writer may leave 'explode' out.
        Assert.True(parameters.First(p => p!["name"]!.GetValue<string>() == "category")!["explode"]?.GetValue<bool>() ?? true);
        Assert.Equal("integer", Schema("limit")["type"]!.GetValue<string>());
    }

    /// <summary>Every POST that answers 201 Created in its handler (TypedResults.Created or the observation's GeoJSON 201).</summary>
    [Theory]
    [InlineData("/api/observations")]
    [InlineData("/api/observations/batch")]
    [InlineData("/api/observations/{id}/correct")]
    [InlineData("/api/sweeps")]
    [InlineData("/api/scene-size/benchmarks")]
    [InlineData("/api/scene-size/surveys")]
    [InlineData("/api/areas")]
    [InlineData("/api/categories")]
    [InlineData("/api/interventions")]
    [InlineData("/api/admin/accounts")]
    [InlineData("/api/admin/api-keys")]
    public async Task Creates_declare_201(string path)
    {
        var responses = (await DocumentAsync())["paths"]![path]!["post"]!["responses"]!.AsObject();
        Assert.True(responses.ContainsKey("201"), $"{path}: {string.Join(", ", responses.Select(r => r.Key))}");
    }

    [Fact]
    public async Task Errors_are_problem_details_with_the_statuses_the_api_gives()
    {
        var doc = await DocumentAsync();
        Assert.Equal("object", doc["components"]!["schemas"]!["ProblemDetails"]!["type"]!.GetValue<string>());
        var create = doc["paths"]!["/api/observations"]!["post"]!["responses"]!.AsObject();
        Assert.Equal(["200", "201", "400", "401", "403", "413", "422", "429", "503"], create.Select(r => r.Key).Order());
        Assert.True(doc["paths"]!["/api/observations/{id}/retract"]!["post"]!["responses"]!.AsObject().ContainsKey("409"));
        Assert.True(doc["paths"]!["/api/observations/{id}"]!["get"]!["responses"]!.AsObject().ContainsKey("404"));
        foreach (var (path, method, op) in Operations(doc).Where(o => !o.Path.StartsWith("/open311/") && o.Path != "/health"))
            foreach (var (status, response) in op["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
                Assert.True(response!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>() == "#/components/schemas/ProblemDetails",
                    $"{method} {path} {status}");
    }

    [Fact]
    public async Task Each_analysis_endpoint_has_its_own_request_schema()
    {
        var doc = await DocumentAsync();
        var bodies = Operations(doc).Where(o => o.Path.StartsWith("/api/analysis/"))
            .Select(o => o.Operation["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>()).ToList();
        Assert.Equal(8, bodies.Count);
        Assert.Equal(bodies.Count, bodies.Distinct().Count());
        Assert.Contains("#/components/schemas/WdqEndpointRequest", bodies);
    }
}

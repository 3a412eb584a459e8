using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;

namespace SceneMonitor.Tests.Integration.Security;

/// <summary>Every endpoint × every role (and anonymous): the status code, and for reads the shape of
/// the data (planners never get a Point; analysts get grid points, whole hours, no notes). The
/// endpoint list comes from the app itself, so a new endpoint without a row here fails the test:
/// whoever adds an endpoint must decide who may call it.</summary>
public class RoleMatrixTests(DemoSceneMonitorApp app) : IClassFixture<DemoSceneMonitorApp>
{
    private static readonly string[] Everyone = ["recorder", "analyst", "planner", "admin"];
    private static readonly string[] Points = ["recorder", "analyst", "admin"];
    private static readonly string[] Record = ["recorder", "admin"];
    private static readonly string[] Admin = ["admin"];
    private static readonly string[] Analysts = ["analyst", "admin"];
    private static readonly string[] Callers = ["anonymous", "recorder", "analyst", "planner", "admin"];

    /// <summary>One row: who may call (others get 403, anonymous 401 unless <see cref="Anonymous"/>),
    /// the status an allowed caller gets with the given request (writes use requests that stop at
    /// validation or at a missing id, so the matrix changes no data), and the URL and body to send.</summary>
    private sealed record Row(string[] Allowed, int Status, Func<Sample, string> Url, Func<Sample, object?>? Body = null, bool Anonymous = false);

    /// <summary>The Brussels midnight that starts t's day (planners' periods are whole days).</summary>
    private static DateTimeOffset Midnight(DateTimeOffset t)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        var day = TimeZoneInfo.ConvertTime(t, zone).Date;
        return new DateTimeOffset(day, zone.GetUtcOffset(day));
    }

    /// <summary>Ids of real records the reads use.</summary>
    /// <summary><see cref="ObservationRef"/>: how the caller names the observation (analysts by its opaque id).</summary>
    private sealed record Sample(long ObservationId, int AreaId, int InterventionId, Guid AnalysisId, DateTimeOffset Start, string Source)
    {
        public string ObservationRef { get; init; } = ObservationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly object Empty = new { };

    private static Dictionary<string, Row> Matrix() => new()
    {
        ["GET /health"] = new(Everyone, 200, _ => "/health", Anonymous: true),
        ["GET /openapi/{documentName}.json"] = new(Everyone, 200, _ => "/openapi/v1.json", Anonymous: true),
        // Login answers for the credentials in the body, whoever calls.
        ["POST /api/auth/login"] = new(Everyone, 401, _ => "/api/auth/login", _ => new { username = "nobody", password = "wrong password" }, Anonymous: true),
        ["GET /api/auth/me"] = new(Everyone, 200, _ => "/api/auth/me"),
        ["GET /api/info"] = new(Everyone, 200, _ => "/api/info"),

        ["GET /api/categories"] = new(Everyone, 200, _ => "/api/categories"),
        ["POST /api/categories"] = new(Admin, 422, _ => "/api/categories", _ => Empty),
        ["PUT /api/categories/{code}"] = new(Admin, 404, _ => "/api/categories/no_such_code", _ => Empty),

        ["GET /api/areas"] = new(Everyone, 200, _ => "/api/areas?kind=municipality"),
        ["GET /api/areas/{id:int}/summary"] = new(Everyone, 200, s => $"/api/areas/{s.AreaId}/summary"),
        ["POST /api/areas"] = new(Admin, 422, _ => "/api/areas", _ => Empty),
        ["PUT /api/areas/{id:int}"] = new(Admin, 404, _ => "/api/areas/999999", _ => Empty),
        ["DELETE /api/areas/{id:int}"] = new(Admin, 404, _ => "/api/areas/999999"),
        // The gazetteer: public places, the same for every role.
        ["GET /api/places"] = new(Everyone, 200, _ => "/api/places"),

        ["GET /api/observations"] = new(Points, 200, s => $"/api/observations?limit=300&bbox=4.30,50.82,4.38,50.87"),
        ["GET /api/observations/{id}"] = new(Points, 200, s => $"/api/observations/{s.ObservationRef}"),
        ["POST /api/observations"] = new(Record, 422, _ => "/api/observations", _ => Empty),
        ["POST /api/observations/batch"] = new(Record, 422, _ => "/api/observations/batch", _ => new { observations = Array.Empty<object>() }),
        ["POST /api/observations/{id:long}/retract"] = new(Record, 404, _ => "/api/observations/999999999/retract", _ => new { reason = "test" }),
        // "My records": the caller's organisation's own records; a correction stops at validation here.
        ["GET /api/observations/mine"] = new(Record, 200, _ => "/api/observations/mine?days=2"),
        ["POST /api/observations/{id:long}/correct"] = new(Record, 422, _ => "/api/observations/999999999/correct", _ => Empty),
        // Writes stop at the unreadable body (an empty JSON object is no import file); reads at a missing id.
        ["POST /api/imports"] = new(Record, 400, _ => "/api/imports?wait=true&dryRun=true&source=role_matrix", _ => Empty),
        ["GET /api/imports/{id:guid}"] = new(Record, 404, _ => $"/api/imports/{Guid.Empty}"),
        // Saved column mappings: recorders and admins of the caller's organisation.
        ["GET /api/imports/mappings"] = new(Record, 200, _ => "/api/imports/mappings"),
        ["PUT /api/imports/mappings"] = new(Record, 422, _ => "/api/imports/mappings", _ => Empty),
        ["DELETE /api/imports/mappings/{signature}"] = new(Record, 404, _ => "/api/imports/mappings/" + new string('0', 64)),
        ["GET /api/stats/timeseries"] = new(Everyone, 200, s => $"/api/stats/timeseries?bucket=week&source={s.Source}"),

        ["GET /api/interventions"] = new(Everyone, 200, _ => "/api/interventions"),
        ["GET /api/interventions/{id:int}"] = new(Everyone, 200, s => $"/api/interventions/{s.InterventionId}"),
        ["POST /api/interventions"] = new(Admin, 422, _ => "/api/interventions", _ => Empty),
        ["PUT /api/interventions/{id:int}"] = new(Admin, 404, _ => "/api/interventions/999999", _ => Empty),
        ["DELETE /api/interventions/{id:int}"] = new(Admin, 404, _ => "/api/interventions/999999"),

        // Multiplier inputs: analysts (coordinators) and admins; estimates for every role (planners without inputs).
        ["GET /api/scene-size/benchmarks"] = new(Analysts, 200, _ => "/api/scene-size/benchmarks"),
        ["POST /api/scene-size/benchmarks"] = new(Analysts, 422, _ => "/api/scene-size/benchmarks", _ => Empty),
        ["DELETE /api/scene-size/benchmarks/{id:int}"] = new(Analysts, 404, _ => "/api/scene-size/benchmarks/999999"),
        ["GET /api/scene-size/surveys"] = new(Analysts, 200, _ => "/api/scene-size/surveys"),
        ["POST /api/scene-size/surveys"] = new(Analysts, 422, _ => "/api/scene-size/surveys", _ => Empty),
        ["DELETE /api/scene-size/surveys/{id:int}"] = new(Analysts, 404, _ => "/api/scene-size/surveys/999999"),
        ["GET /api/scene-size/estimates"] = new(Everyone, 200, _ => "/api/scene-size/estimates"),
        ["GET /api/scene-size/estimates/download"] = new(Everyone, 200, _ => "/api/scene-size/estimates/download"),

        ["GET /api/sweeps"] = new(Points, 200, s => $"/api/sweeps?from={Q(s.Start.AddDays(-60))}&to={Q(s.Start)}"),
        ["POST /api/sweeps"] = new(Record, 422, _ => "/api/sweeps", _ => Empty),
        ["DELETE /api/sweeps/{id:int}"] = new(Record, 404, _ => "/api/sweeps/999999"),

        // Planners get these too, reduced to the summary with small counts suppressed (whole days).
        ["POST /api/displacement"] = new(Everyone, 200, _ => "/api/displacement", s => new
        {
            area = new[] { 4.31, 50.825, 4.36, 50.85 },
            before = new { from = Midnight(s.Start.AddDays(-56)), to = Midnight(s.Start) },
            after = new { from = Midnight(s.Start), to = Midnight(s.Start.AddDays(56)) },
            cellSize = 150, grid = "hex",
        }),
        ["GET /api/interventions/{id:int}/displacement"] = new(Everyone, 200, s => $"/api/interventions/{s.InterventionId}/displacement?weeks=8"),
        ["GET /api/displacement/control-suggestions"] = new(Points, 200, s => $"/api/displacement/control-suggestions?intervention={s.InterventionId}&weeks=8"),
        ["GET /api/analyses/{id:guid}"] = new(Everyone, 200, s => $"/api/analyses/{s.AnalysisId}"),
        ["POST /api/emerging"] = new(Everyone, 200, _ => "/api/emerging", s => new
        {
            area = new[] { 4.31, 50.825, 4.36, 50.85 }, from = Midnight(s.Start.AddDays(-56)), to = Midnight(s.Start.AddDays(56)), periods = 4, cellSize = 150,
        }),
        ["POST /api/emerging/frames"] = new(Everyone, 200, _ => "/api/emerging/frames", s => new
        {
            area = new[] { 4.31, 50.825, 4.36, 50.85 }, from = Midnight(s.Start.AddDays(-56)), to = Midnight(s.Start.AddDays(56)), interval = "month", cellSize = 150,
        }),

        // Stateless methods on the caller's own data: not for planners (they work with points).
        ["POST /api/analysis/wdq"] = new(Points, 422, _ => "/api/analysis/wdq", _ => Empty),
        ["POST /api/analysis/wdd"] = new(Points, 422, _ => "/api/analysis/wdd", _ => Empty),
        ["POST /api/analysis/mann-kendall"] = new(Points, 422, _ => "/api/analysis/mann-kendall", _ => Empty),
        ["POST /api/analysis/sppt"] = new(Points, 422, _ => "/api/analysis/sppt", _ => Empty),
        ["POST /api/analysis/gistar"] = new(Points, 422, _ => "/api/analysis/gistar", _ => Empty),
        ["POST /api/analysis/ellipse"] = new(Points, 422, _ => "/api/analysis/ellipse", _ => Empty),
        ["POST /api/analysis/kde"] = new(Points, 422, _ => "/api/analysis/kde", _ => Empty),
        ["POST /api/analysis/displacement"] = new(Points, 422, _ => "/api/analysis/displacement", _ => Empty),

        ["GET /api/aggregates/grid"] = new(Everyone, 200, s => $"/api/aggregates/grid?cellSize=250&from={Q(Midnight(s.Start.AddDays(-90)))}"),
        ["GET /api/aggregates/areas"] = new(Everyone, 200, _ => "/api/aggregates/areas?kind=neighbourhood"),
        ["GET /api/map/clusters"] = new(Everyone, 200, s => $"/api/map/clusters?bbox=4.30,50.82,4.38,50.87&zoom=15&from={Q(Midnight(s.Start.AddDays(-90)))}"),
        ["GET /api/exports/observations"] = new(Points, 200, _ => "/api/exports/observations?bbox=4.30,50.82,4.38,50.87&category=syringe"),
        ["GET /api/exports/analyses/{id:guid}"] = new(Points, 200, s => $"/api/exports/analyses/{s.AnalysisId}"),

        ["GET /api/admin/accounts"] = new(Admin, 200, _ => "/api/admin/accounts"),
        ["POST /api/admin/accounts"] = new(Admin, 422, _ => "/api/admin/accounts", _ => Empty),
        ["PUT /api/admin/accounts/{id:int}"] = new(Admin, 404, _ => "/api/admin/accounts/999999", _ => Empty),
        ["GET /api/admin/api-keys"] = new(Admin, 200, _ => "/api/admin/api-keys"),
        ["POST /api/admin/api-keys"] = new(Admin, 422, _ => "/api/admin/api-keys", _ => Empty),
        ["DELETE /api/admin/api-keys/{id:int}"] = new(Admin, 404, _ => "/api/admin/api-keys/999999"),
        ["GET /api/admin/retention"] = new(Admin, 200, _ => "/api/admin/retention"),
        ["PUT /api/admin/retention"] = new(Admin, 422, _ => "/api/admin/retention", _ => Empty),
        ["POST /api/admin/retention/run"] = new(Admin, 200, _ => "/api/admin/retention/run"),
        ["GET /api/audit"] = new(Admin, 200, _ => "/api/audit?limit=5"),

        // Open311: the service list is public (the spec expects it); refusals come in the spec's error shape.
        // Every resource answers at name.{format} and at the bare name (XML, the spec's default).
        ["GET /open311/v2/discovery.{format}"] = new(Everyone, 200, _ => "/open311/v2/discovery.json", Anonymous: true),
        ["GET /open311/v2/discovery"] = new(Everyone, 200, _ => "/open311/v2/discovery", Anonymous: true),
        ["GET /open311/v2/services.{format}"] = new(Everyone, 200, _ => "/open311/v2/services.json", Anonymous: true),
        ["GET /open311/v2/services"] = new(Everyone, 200, _ => "/open311/v2/services", Anonymous: true),
        ["GET /open311/v2/services/{code}.{format}"] = new(Everyone, 200, _ => "/open311/v2/services/syringe.json", Anonymous: true),
        ["GET /open311/v2/services/{code}"] = new(Everyone, 200, _ => "/open311/v2/services/syringe", Anonymous: true),
        ["POST /open311/v2/requests.{format}"] = new(Record, 400, _ => "/open311/v2/requests.json", _ => Empty),
        ["POST /open311/v2/requests"] = new(Record, 400, _ => "/open311/v2/requests", _ => Empty),
        // Without any key a GET of requests needs named ids (401 otherwise) and gets their status only (Open311Tests).
        ["GET /open311/v2/requests.{format}"] = new(Points, 200, _ => "/open311/v2/requests.json"),
        ["GET /open311/v2/requests"] = new(Points, 200, _ => "/open311/v2/requests"),
        ["GET /open311/v2/requests/{id}.{format}"] = new(Points, 404, _ => "/open311/v2/requests/999999999.json", Anonymous: true),
        ["GET /open311/v2/requests/{id}"] = new(Points, 404, _ => "/open311/v2/requests/999999999", Anonymous: true),
        ["GET /open311/v2/servicerequestupdates.{format}"] = new(Points, 200, _ => "/open311/v2/servicerequestupdates.json"),
        ["GET /open311/v2/servicerequestupdates"] = new(Points, 200, _ => "/open311/v2/servicerequestupdates"),
        ["POST /open311/v2/servicerequestupdates.{format}"] = new(Everyone, 400, _ => "/open311/v2/servicerequestupdates.json", _ => Empty, Anonymous: true),
        ["POST /open311/v2/servicerequestupdates"] = new(Everyone, 400, _ => "/open311/v2/servicerequestupdates", _ => Empty, Anonymous: true),

        // OGC API – Features: metadata is public; items need a caller; planners never get the observations collection.
        ["GET /ogc"] = new(Everyone, 200, _ => "/ogc", Anonymous: true),
        ["GET /ogc/conformance"] = new(Everyone, 200, _ => "/ogc/conformance", Anonymous: true),
        ["GET /ogc/api"] = new(Everyone, 200, _ => "/ogc/api", Anonymous: true),
        ["GET /ogc/collections"] = new(Everyone, 200, _ => "/ogc/collections", Anonymous: true),
        ["GET /ogc/collections/{collectionId}"] = new(Points, 200, _ => "/ogc/collections/observations", Anonymous: true),
        ["GET /ogc/collections/{collectionId}/queryables"] = new(Points, 200, _ => "/ogc/collections/observations/queryables", Anonymous: true),
        ["GET /ogc/collections/{collectionId}/items"] = new(Points, 200, _ => "/ogc/collections/observations/items?limit=300&bbox=4.30,50.82,4.38,50.87"),
        ["GET /ogc/collections/{collectionId}/items/{featureId}"] = new(Points, 200, s => $"/ogc/collections/observations/items/{s.ObservationRef}"),
    };

    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));

    /// <summary>"METHOD pattern" of every endpoint the app maps, from its EndpointDataSource.</summary>
    private List<string> MappedEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {"/" + (e.RoutePattern.RawText ?? "").Trim('/')}"))
            .Distinct().Order().ToList();

    [Fact]
    public void Every_endpoint_has_a_row_in_the_matrix()
    {
        var mapped = MappedEndpoints();
        var matrix = Matrix().Keys.ToHashSet();
        var missing = mapped.Where(e => !matrix.Contains(e)).ToList();
        var stale = matrix.Where(e => !mapped.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without a row in RoleMatrixTests (decide who may call them): " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rows for endpoints the app no longer maps: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_matrix_says_and_reads_respect_the_role()
    {
        var sample = await ArrangeAsync();
        var clients = Callers.ToDictionary(c => c, c => app.ClientFor(c));
        var failures = new List<string>();
        var checkedReads = 0;
        foreach (var (endpoint, row) in Matrix())
        {
            var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ')]);
            foreach (var caller in Callers)
            {
                var expected = caller == "anonymous" ? (row.Anonymous ? row.Status : 401) : row.Allowed.Contains(caller) ? row.Status : 403;
                var named = caller == "analyst" ? sample with { ObservationRef = app.OpaqueId(sample.ObservationId) } : sample;
                using var request = new HttpRequestMessage(method, row.Url(named));
                if (row.Body?.Invoke(named) is { } body) request.Content = JsonContent.Create(body);
                using var response = await clients[caller].SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != expected)
                {
                    failures.Add($"{endpoint} as {caller}: expected {expected}, got {(int)response.StatusCode} {Truncate(text)}");
                    continue;
                }
                if (expected != 200 || method != HttpMethod.Get && endpoint is not ("POST /api/displacement" or "POST /api/emerging")) continue;
                if (response.Content.Headers.ContentType?.MediaType == "text/xml") continue; // Open311's XML: the same records as its .json row
                var json = JsonNode.Parse(text);
                checkedReads++;
                if (caller == "planner") failures.AddRange(PlannerShapeProblems(endpoint, json));
                if (caller == "analyst") failures.AddRange(await AnalystShapeProblemsAsync(endpoint, json));
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(checkedReads > 40, $"only {checkedReads} reads were checked for shape");
    }

    /// <summary>No Point anywhere; counts below k never shown; analyses only as summaries.</summary>
    private static IEnumerable<string> PlannerShapeProblems(string endpoint, JsonNode? json)
    {
        // The gazetteer's Points are public named places (stations, squares), not observations.
        if (endpoint == "GET /api/places") yield break;
        foreach (var node in Walk(json))
        {
            if (node is JsonObject o && o["type"] is JsonValue t && t.GetValue<string>() is "Point" or "MultiPoint")
                yield return $"{endpoint} as planner: contains a {t} geometry";
            if (node is JsonObject c && c["count"] is JsonValue v && v.TryGetValue<int>(out var n) && n is > 0 and < 3)
                yield return $"{endpoint} as planner: shows a count of {n} (below k = 3)";
        }
        if (endpoint.Contains("displacement") || endpoint.Contains("analyses") || endpoint.Contains("emerging"))
        {
            var o = json!.AsObject();
            if (o["detail"]?.GetValue<string>() != "summary" || o.ContainsKey("cells") || o.ContainsKey("vectors") || o.ContainsKey("centres"))
                yield return $"{endpoint} as planner: not reduced to the summary: {string.Join(",", o.Select(p => p.Key))}";
        }
    }

    /// <summary>Observation points on the 50 m grid of EPSG:3812, times on the hour, no notes or organisation.</summary>
    private async Task<IEnumerable<string>> AnalystShapeProblemsAsync(string endpoint, JsonNode? json)
    {
        var problems = new List<string>();
        if (endpoint.StartsWith("GET /openapi", StringComparison.Ordinal)) return problems; // describes fields, holds no data
        // An analysis' summary holds the method's own notes (e.g. "no seasonality term"), not observation notes.
        var observed = json is JsonObject { } result && result.ContainsKey("parameters") && result["summary"] is not null
            ? new JsonObject(result.Where(p => p.Key != "summary").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))) : json;
        foreach (var node in Walk(observed))
            if (node is JsonObject o && o["note"] is { } note) problems.Add($"{endpoint} as analyst: a note is shown: {note}");
        if (!endpoint.StartsWith("GET /api/observations", StringComparison.Ordinal) && !endpoint.StartsWith("GET /ogc/collections/{collectionId}/items", StringComparison.Ordinal)) return problems;

        var features = json!["features"]?.AsArray().Select(f => f!).ToList() ?? [json!];
        if (features.Count == 0) problems.Add($"{endpoint} as analyst: no features to check");
        foreach (var f in features)
        {
            var p = f["properties"]!;
            if (!p["observedAt"]!.GetValue<string>().EndsWith(":00:00Z", StringComparison.Ordinal)) problems.Add($"{endpoint} as analyst: time not on the hour: {p["observedAt"]}");
            if (p["organisation"] is not null) problems.Add($"{endpoint} as analyst: organisation shown");
        }
        var lon = features.Select(f => f["geometry"]!["coordinates"]![0]!.GetValue<double>()).ToArray();
        var lat = features.Select(f => f["geometry"]!["coordinates"]![1]!.GetValue<double>()).ToArray();
        var offGrid = await OffGridAsync(app, lon, lat, 50);
        if (offGrid > 0) problems.Add($"{endpoint} as analyst: {offGrid} of {lon.Length} points are not on the 50 m grid");
        return problems;
    }

    /// <summary>How many of the points are more than 5 cm from a vertex of the metric grid.</summary>
    public static async Task<long> OffGridAsync(SceneMonitorApp app, double[] lon, double[] lat, double grid)
    {
        await using var conn = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("""
            SELECT count(*) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(x, y), 4326), 3812) AS p FROM unnest(@lon, @lat) AS t(x, y)) q
            WHERE abs(ST_X(p) - round(ST_X(p) / @g) * @g) > 0.05 OR abs(ST_Y(p) - round(ST_Y(p) / @g) * @g) > 0.05
            """, conn);
        cmd.Parameters.AddWithValue("lon", lon);
        cmd.Parameters.AddWithValue("lat", lat);
        cmd.Parameters.AddWithValue("g", grid);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        if (node is null) yield break;
        yield return node;
        var children = node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a.AsEnumerable(), _ => [] };
        foreach (var child in children)
            foreach (var n in Walk(child)) yield return n;
    }

    private async Task<Sample> ArrangeAsync()
    {
        var admin = app.ClientFor("admin");
        var source = UniqueSource();
        // Off-grid, with minutes and a note, so the analyst's view has something to hide.
        var id = await app.ClientFor("recorder").CreateAsync(Observation(source, 4.33613, 50.83577, at: BaseTime.AddMinutes(17), note: "bij de ingang"));
        var interventions = JsonNode.Parse(await admin.GetStringAsync("/api/interventions"))!.AsArray();
        var demo = interventions.First(i => i!["name"]!.GetValue<string>().Contains("synthetic", StringComparison.OrdinalIgnoreCase))!;
        var interventionId = demo["id"]!.GetValue<int>();
        // Computed on the coarse view, so every role may read it (an exact one is the recorders' and admins' only).
        var analysis = await app.ClientFor("analyst").GetJsonAsync($"/api/interventions/{interventionId}/displacement?weeks=8");
        var area = await app.ScalarAsync<int>("SELECT id FROM areas WHERE kind = 'Municipality' AND code = '21013'"); // Saint-Gilles
        return new Sample(id, area, interventionId, Guid.Parse(analysis["id"]!.GetValue<string>()), demo["startsAt"]!.GetValue<DateTimeOffset>(), source);
    }

    private static string Truncate(string s) => s.Length > 300 ? s[..300] + "…" : s;
}

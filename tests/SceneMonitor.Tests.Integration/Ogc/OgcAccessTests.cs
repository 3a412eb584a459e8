using System.Net;
using System.Text.Json.Nodes;
using SceneMonitor.Tests.Integration.Security;
using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;
using static SceneMonitor.Tests.Integration.Ogc.OgcApi;

namespace SceneMonitor.Tests.Integration.Ogc;

/// <summary>The public documents (landing, conformance, OpenAPI 3.0, collections) and the data shaping
/// per role: planners only the grid, analysts the coarse view, every items read audited.</summary>
public class OgcAccessTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _anonymous = app.ClientFor("anonymous");
    private readonly HttpClient _recorder = app.ClientFor("recorder");
    private readonly HttpClient _analyst = app.ClientFor("analyst");
    private readonly HttpClient _planner = app.ClientFor("planner");

    [Fact]
    public async Task Landing_page_and_conformance_are_public_and_advertise_filters_and_crs()
    {
        var landing = await _anonymous.GetJsonAsync("/ogc");
        var links = landing["links"]!.AsArray().Select(l => (Rel: l!["rel"]!.GetValue<string>(), Href: l["href"]!.GetValue<string>(), Type: l["type"]!.GetValue<string>())).ToList();
        Assert.Contains(links, l => l.Rel == "service-desc" && l.Href.EndsWith("/ogc/api") && l.Type == "application/vnd.oai.openapi+json;version=3.0");
        Assert.Contains(links, l => l.Rel == "conformance" && l.Href.EndsWith("/ogc/conformance"));
        Assert.Contains(links, l => l.Rel == "data" && l.Href.EndsWith("/ogc/collections"));

        var conformance = (await _anonymous.GetJsonAsync("/ogc/conformance"))["conformsTo"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        foreach (var c in new[] { "ogcapi-features-1/1.0/conf/core", "ogcapi-features-1/1.0/conf/geojson", "ogcapi-features-1/1.0/conf/oas30",
                     "ogcapi-features-2/1.0/conf/crs", "ogcapi-features-3/1.0/conf/queryables", "ogcapi-features-3/1.0/conf/filter",
                     "ogcapi-features-3/1.0/conf/features-filter", "cql2/1.0/conf/cql2-text", "cql2/1.0/conf/advanced-comparison-operators", "cql2/1.0/conf/basic-spatial-functions" })
            Assert.Contains("http://www.opengis.net/spec/" + c, conformance);
    }

    [Fact]
    public async Task Api_document_is_openapi_3_0_with_every_path_and_resolvable_parameter_references()
    {
        var response = await _anonymous.GetAsync("/ogc/api");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/vnd.oai.openapi+json", response.Content.Headers.ContentType!.ToString());
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.0.", doc["openapi"]!.GetValue<string>());
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var p in new[] { "/", "/conformance", "/api", "/collections", "/collections/{collectionId}", "/collections/{collectionId}/queryables",
                     "/collections/{collectionId}/items", "/collections/{collectionId}/items/{featureId}", "/collections/observations/items" })
            Assert.Contains(p, paths);
        var parameters = doc["components"]!["parameters"]!.AsObject();
        foreach (var reference in Walk(doc).OfType<JsonObject>().Where(o => o.ContainsKey("$ref")).Select(o => o["$ref"]!.GetValue<string>()))
            Assert.True(parameters.ContainsKey(reference.Replace("#/components/parameters/", "")), $"{reference} does not resolve");
        Assert.Equal(10_000, parameters["limit"]!["schema"]!["maximum"]!.GetValue<int>());
        Assert.Equal("X-Api-Key", doc["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>());
    }

    private static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        if (node is null) yield break;
        yield return node;
        foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a.AsEnumerable(), _ => [] })
            foreach (var n in Walk(child)) yield return n;
    }

    [Fact]
    public async Task Planners_are_not_offered_observations_and_are_pointed_to_the_grid()
    {
        static List<string> Ids(JsonObject c) => c["collections"]!.AsArray().Select(x => x!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(["observations", "observation-grid", "areas", "interventions"], Ids(await _anonymous.GetJsonAsync("/ogc/collections")));
        Assert.Equal(["observations", "observation-grid", "areas", "interventions"], Ids(await _analyst.GetJsonAsync("/ogc/collections")));
        Assert.Equal(["observation-grid", "areas", "interventions"], Ids(await _planner.GetJsonAsync("/ogc/collections")));

        foreach (var url in new[] { "/ogc/collections/observations", "/ogc/collections/observations/queryables", Items, $"{Items}/1" })
        {
            var problem = await ProblemAsync(await _planner.GetAsync(url), 403);
            Assert.Contains("observation-grid", problem["title"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync(Items)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync("/ogc/collections/observation-grid/items")).StatusCode);
        var collection = await _anonymous.GetJsonAsync("/ogc/collections/observations");
        Assert.Contains("http://www.opengis.net/def/crs/EPSG/0/3812", collection["crs"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(4, collection["extent"]!["spatial"]!["bbox"]![0]!.AsArray().Count);
    }

    [Fact]
    public async Task Analysts_get_the_coarse_view_and_filters_run_on_it()
    {
        var s = UniqueSource();
        var at = new DateTimeOffset(2025, 6, 1, 12, 34, 56, TimeSpan.Zero);
        var id = (await _recorder.SeedAsync(s, [new(4.33613, 50.83577, At: at, Note: "onder de brug")]))[0];

        var exact = (await _recorder.GetJsonAsync(Of(s)))["features"]![0]!;
        Assert.Equal(new[] { 4.33613, 50.83577 }, Coordinates(exact));
        Assert.Equal("onder de brug", exact["properties"]!["note"]!.GetValue<string>());

        var coarse = (await _analyst.GetJsonAsync(Of(s)))["features"]![0]!;
        var xy = Coordinates(coarse);
        Assert.Equal(0, await RoleMatrixTests.OffGridAsync(app, [xy[0]], [xy[1]], 50));
        Assert.Equal("2025-06-01T12:00:00Z", coarse["properties"]!["observedAt"]!.GetValue<string>());
        Assert.Null(coarse["properties"]!["note"]);
        Assert.Null(coarse["properties"]!["organisation"]);
        Assert.Equal(xy, Coordinates(await _analyst.GetJsonAsync($"{Items}/{app.OpaqueId(id)}")));

        // A box around the true point that misses the grid point, and the minute it happened: found only by the recorder.
        var truth = "bbox=4.33612,50.83576,4.33614,50.83578";
        var minute = $"datetime={Q("2025-06-01T12:34:00Z/2025-06-01T12:35:00Z")}";
        var tinyBox = $"filter={Q("S_INTERSECTS(geometry, BBOX(4.33612,50.83576,4.33614,50.83578))")}";
        foreach (var q in new[] { truth, minute, tinyBox })
        {
            Assert.Equal([id], FeatureIds(await _recorder.GetJsonAsync(Of(s, q))));
            Assert.Empty(OpaqueFeatureIds(await _analyst.GetJsonAsync(Of(s, q))));
        }
        Assert.Equal([app.OpaqueId(id)], OpaqueFeatureIds(await _analyst.GetJsonAsync(Of(s, $"datetime={Q("2025-06-01T12:00:00Z")}"))));
    }

    [Fact]
    public async Task The_grid_counts_per_category_per_cell_for_every_role_leaving_out_cells_with_a_category_below_k()
    {
        // Anderlecht, away from the other tests' points: 4 syringes and 2 complaints within 10 m of the
        // centre of one 250 m cell of the EPSG:3812 grid (so snapping to the 50 m grid keeps them in it).
        var centre = (await app.ScalarAsync<string>("""
            SELECT concat_ws(',', ST_X(c), ST_Y(c)) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(
                floor(ST_X(p) / 250) * 250 + 125, floor(ST_Y(p) / 250) * 250 + 125), 3812), 4326) AS c
              FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(4.2900, 50.8300), 4326), 3812) AS p) a) b
            """))!.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (x, y) = (centre[0], centre[1]);
        var s = UniqueSource();
        var t = new DateTimeOffset(2025, 2, 3, 10, 0, 0, TimeSpan.Zero);
        await _recorder.SeedAsync(s, [.. Enumerable.Range(0, 4).Select(i => new Seed(x + i * 0.00003, y, "syringe", t.AddDays(i), 2)),
            new(x, y + 0.00005, "complaint", t), new(x + 0.00005, y + 0.00005, "complaint", t), new(x + 0.00005, y, "complaint", t)]);
        var grid = FormattableString.Invariant($"/ogc/collections/observation-grid/items?bbox={x - 0.0005},{y - 0.0005},{x + 0.0005},{y + 0.0005}");

        foreach (var client in new[] { _planner, _analyst, _recorder })
        {
            var cells = (await client.GetJsonAsync(grid))["features"]!.AsArray();
            var syringes = cells.Single(c => c!["properties"]!["category"]!.GetValue<string>() == "syringe")!;
            Assert.Equal(4, syringes["properties"]!["count"]!.GetValue<int>());
            Assert.Equal(8, syringes["properties"]!["quantity"]!.GetValue<int>());
            Assert.Equal("Polygon", syringes["geometry"]!["type"]!.GetValue<string>());
            Assert.Equal(3, cells.Single(c => c!["properties"]!["category"]!.GetValue<string>() == "complaint")!["properties"]!["count"]!.GetValue<int>());
        }
        // datetime selects the observations counted: two syringes are below k, which hides the cell's
        // every category (its total is in the aggregates: 5 − 3 would give the 2).
        var early = await _analyst.GetJsonAsync($"{grid}&datetime={Q("../2025-02-04")}");
        Assert.Empty(early["features"]!.AsArray());
        // Planners give whole Brussels days, and a date alone is one (QueryTime): the same answer.
        Assert.Empty((await _planner.GetJsonAsync($"{grid}&datetime={Q("../2025-02-04")}"))["features"]!.AsArray());
        var filtered = await _planner.GetJsonAsync($"{grid}&filter={Q("count >= 4 AND category = 'syringe'")}");
        Assert.Single(filtered["features"]!.AsArray());
        Assert.Empty((await _planner.GetJsonAsync($"{grid}&filter={Q("count > 4")}"))["features"]!.AsArray());
    }

    [Fact]
    public async Task Items_reads_are_audited_with_their_row_counts()
    {
        var s = UniqueSource();
        await _recorder.SeedAsync(s, Spread(3));
        await _recorder.GetJsonAsync(Of(s, "limit=2"));
        var line = await app.ScalarAsync<string>("""
            SELECT concat_ws('|', action, target, row_count, parameters->>'collection') FROM audit_log
            WHERE actor = 'test-recorder' AND parameters::text LIKE '%' || @s || '%' ORDER BY id DESC LIMIT 1
            """, ("s", s));
        Assert.Equal("read_points|GET /ogc/collections/observations/items|2|observations", line);

        await _planner.GetJsonAsync("/ogc/collections/observation-grid/items?limit=1");
        Assert.Equal("export", await app.ScalarAsync<string>(
            "SELECT action FROM audit_log WHERE actor = 'test-planner' AND target = 'GET /ogc/collections/observation-grid/items' ORDER BY id DESC LIMIT 1"));
    }
}

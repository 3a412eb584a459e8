using SceneMonitor.Tests.Support;
using static SceneMonitor.Tests.Integration.Observations.ObservationApi;
using static SceneMonitor.Tests.Integration.Ogc.OgcApi;

namespace SceneMonitor.Tests.Integration.Ogc;

/// <summary>Queryables and CQL2-text filters: every operator against a known set of five observations.</summary>
public class OgcFilterTests(SceneMonitorApp app) : IClassFixture<SceneMonitorApp>
{
    private readonly HttpClient _recorder = app.ClientFor("recorder");

    /// <summary>Five observations of a fresh source: index i in the returned array is feature i.</summary>
    private async Task<(string Source, long[] Ids)> ArrangeAsync()
    {
        var s = UniqueSource();
        var ids = await _recorder.SeedAsync(s,
        [
            new(4.3400, 50.8400, "syringe", BaseTime, 1),
            new(4.3450, 50.8450, "syringe", BaseTime.AddDays(1), 5),
            new(4.3500, 50.8500, "complaint", BaseTime.AddDays(2), 2),
            new(4.3600, 50.8600, "dealing_point", BaseTime.AddDays(3), 10),
            new(4.3405, 50.8405, "discarded_pipe", BaseTime.AddDays(4), 3),
        ]);
        return (s, ids);
    }

    private async Task<long[]> Filter(string source, string filter, string more = "") =>
        FeatureIds(await _recorder.GetJsonAsync(Of(source, $"filter-lang=cql2-text&filter={Q(filter)}{more}")));

    [Fact]
    public async Task Comparison_operators()
    {
        var (s, id) = await ArrangeAsync();
        Assert.Equal(id[..2], await Filter(s, "category = 'syringe'"));
        Assert.Equal(id[2..], await Filter(s, "category <> 'syringe'"));
        Assert.Equal([id[0], id[2]], await Filter(s, "quantity < 3"));
        Assert.Equal([id[0], id[2], id[4]], await Filter(s, "quantity <= 3"));
        Assert.Equal([id[1], id[3]], await Filter(s, "quantity > 3"));
        Assert.Equal([id[1], id[3]], await Filter(s, "quantity >= 5"));
        Assert.Equal([id[2]], await Filter(s, "\"category\" = 'complaint'"));
        Assert.Equal([id[2], id[3], id[4]], await Filter(s, $"observedAt >= TIMESTAMP('{BaseTime.AddDays(2):yyyy-MM-ddTHH:mm:ssZ}')"));
        Assert.Equal(id[..2], await Filter(s, "observedAt < DATE('2025-06-03')"));
        Assert.Empty(await Filter(s, "organisation IS NULL"));
        Assert.Equal(id, await Filter(s, "organisation IS NOT NULL"));
    }

    [Fact]
    public async Task And_or_not_with_parentheses_and_any_keyword_case()
    {
        var (s, id) = await ArrangeAsync();
        Assert.Equal([id[1]], await Filter(s, "category = 'syringe' AND quantity > 1"));
        Assert.Equal([id[2], id[3]], await Filter(s, "category = 'complaint' OR quantity = 10"));
        Assert.Equal(id[2..], await Filter(s, "NOT category = 'syringe'"));
        Assert.Equal([id[1], id[4]], await Filter(s, "NOT (quantity < 3 OR quantity > 5)"));
        Assert.Equal([id[2]], await Filter(s, "category in ('complaint') and not quantity = 1"));
        // AND binds tighter than OR.
        Assert.Equal([id[0], id[3]], await Filter(s, "quantity = 10 OR category = 'syringe' AND quantity = 1"));
    }

    [Fact]
    public async Task Between_in_and_like()
    {
        var (s, id) = await ArrangeAsync();
        Assert.Equal([id[1], id[2], id[4]], await Filter(s, "quantity BETWEEN 2 AND 5"));
        Assert.Equal([id[0], id[3]], await Filter(s, "quantity NOT BETWEEN 2 AND 5"));
        Assert.Equal([id[2], id[3]], await Filter(s, "category IN ('complaint', 'dealing_point')"));
        Assert.Equal([id[0], id[1], id[4]], await Filter(s, "category NOT IN ('complaint', 'dealing_point')"));
        Assert.Equal([id[3], id[4]], await Filter(s, "category LIKE 'd%'"));
        Assert.Equal([id[2], id[3]], await Filter(s, "category NOT LIKE '%e'"));
        Assert.Equal(id[..2], await Filter(s, "category LIKE 'syr_nge'"));
    }

    [Fact]
    public async Task S_intersects_with_bbox_polygon_and_point_in_crs84_or_filter_crs()
    {
        var (s, id) = await ArrangeAsync();
        Assert.Equal([id[0], id[1], id[4]], await Filter(s, "S_INTERSECTS(geometry, BBOX(4.339, 50.839, 4.346, 50.846))"));
        Assert.Equal([id[0], id[4]], await Filter(s, "S_INTERSECTS(geometry, POLYGON((4.339 50.839, 4.342 50.839, 4.342 50.842, 4.339 50.842, 4.339 50.839)))"));
        Assert.Equal([id[2]], await Filter(s, "S_INTERSECTS(geometry, POINT(4.35 50.85))"));
        Assert.Equal([id[0], id[1], id[4]], await Filter(s, "S_INTERSECTS(geometry, BBOX(50.839, 4.339, 50.846, 4.346))", "&filter-crs=EPSG:4326"));
        Assert.Equal([id[1]], await Filter(s, "S_INTERSECTS(geometry, BBOX(4.339, 50.839, 4.346, 50.846)) AND quantity > 3"));
    }

    [Fact]
    public async Task Values_never_become_sql_and_bad_filters_are_refused_naming_the_reason()
    {
        var (s, _) = await ArrangeAsync();
        Assert.Empty(await Filter(s, "category = 'syringe'' OR ''1''=''1'"));
        var cases = new Dictionary<string, string>
        {
            ["colour = 'red'"] = "not a queryable",
            ["note LIKE 'a%'"] = "not a queryable",
            ["quantity = 'five'"] = "different types",
            ["category LIKE 5"] = "needs text",
            ["category = "] = "expected a property name or a value",
            ["category = 'a' AND"] = "expected a property name or a value",
            ["(category = 'a'"] = "expected ')'",
            ["category = 'a'; DROP TABLE observations"] = "unexpected character ';'",
            ["category = 'open"] = "not closed",
            ["S_INTERSECTS(geometry, CIRCLE(4 50 1))"] = "geometry literals are BBOX, POINT",
            ["S_INTERSECTS(geometry, BBOX(1, 2, 3))"] = "needs 4 numbers",
            ["S_INTERSECTS(geometry, POLYGON((4 50, 5 50, 5 51, 4 50.5)))"] = "must end where it starts",
            ["geometry = 'x'"] = "only be used in S_INTERSECTS",
            [string.Concat(Enumerable.Repeat("(", 60)) + "quantity = 1" + string.Concat(Enumerable.Repeat(")", 60))] = "nested",
        };
        foreach (var (filter, reason) in cases)
        {
            var problem = await ProblemAsync(await _recorder.GetAsync(Of(s, $"filter={Q(filter)}")), 400);
            Assert.Contains(reason, problem["errors"]!["filter"]![0]!.GetValue<string>());
        }
        Assert.NotNull((await ProblemAsync(await _recorder.GetAsync(Of(s, "filter=quantity%3D1&filter-lang=cql2-json")), 400))["errors"]!["filter-lang"]);
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM observations") >= 5);
    }

    [Fact]
    public async Task Queryables_are_json_schema_per_collection_and_role()
    {
        var response = await _recorder.GetAsync("/ogc/collections/observations/queryables");
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType!.MediaType);
        var schema = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema["$schema"]!.GetValue<string>());
        Assert.False(schema["additionalProperties"]!.GetValue<bool>());
        var p = schema["properties"]!.AsObject();
        Assert.Equal(["geometry", "category", "observedAt", "quantity", "source", "organisation"], p.Select(x => x.Key));
        Assert.Equal("date-time", p["observedAt"]!["format"]!.GetValue<string>());
        Assert.Equal("integer", p["quantity"]!["type"]!.GetValue<string>());
        Assert.Equal("geometry-point", p["geometry"]!["format"]!.GetValue<string>());

        // Analysts cannot filter on what their view hides.
        var analyst = await app.ClientFor("analyst").GetJsonAsync("/ogc/collections/observations/queryables");
        Assert.False(analyst["properties"]!.AsObject().ContainsKey("organisation"));
        await ProblemAsync(await app.ClientFor("analyst").GetAsync(Of("x", $"filter={Q("organisation = 'test-org'")}")), 400);

        var grid = await _recorder.GetJsonAsync("/ogc/collections/observation-grid/queryables");
        Assert.Equal(["geometry", "category", "count", "quantity", "i", "j"], grid["properties"]!.AsObject().Select(x => x.Key));
        Assert.Contains("kind", (await _recorder.GetJsonAsync("/ogc/collections/areas/queryables"))["properties"]!.AsObject().Select(x => x.Key));
        Assert.Contains("startsAt", (await _recorder.GetJsonAsync("/ogc/collections/interventions/queryables"))["properties"]!.AsObject().Select(x => x.Key));
    }

    /// <summary>Basic CQL2 boolean literals: a predicate on their own and compared with each other.</summary>
    [Fact]
    public async Task Boolean_literals()
    {
        var (s, id) = await ArrangeAsync();
        Assert.Equal(id, await Filter(s, "TRUE"));
        Assert.Empty(await Filter(s, "FALSE"));
        Assert.Equal(id, await Filter(s, "NOT FALSE AND TRUE = TRUE"));
        Assert.Equal(id[..2], await Filter(s, "category = 'syringe' AND true <> false"));
        Assert.Empty(await Filter(s, "TRUE = FALSE OR category = 'none'"));
        await Assert400Async(s, "TRUE = 1");
        await Assert400Async(s, "TRUE < FALSE");
    }

    /// <summary>basic-spatial-functions-plus: every WKT type, multi-geometries and collections. Each
    /// literal is built from the seeded points (feature i at 4.34/4.345/4.35/4.36/4.3405, 50.84/...).</summary>
    [Fact]
    public async Task Multi_geometry_literals()
    {
        var (s, id) = await ArrangeAsync();
        Assert.Equal([id[0], id[2]], await Filter(s, "S_INTERSECTS(geometry, MULTIPOINT((4.34 50.84),(4.35 50.85)))"));
        Assert.Equal([id[0], id[2]], await Filter(s, "S_INTERSECTS(geometry, MULTIPOINT(4.34 50.84, 4.35 50.85))"));
        // Two tiny squares, around feature 1 and feature 3.
        Assert.Equal([id[1], id[3]], await Filter(s,
            "S_INTERSECTS(geometry, MULTIPOLYGON(((4.3449 50.8449,4.3451 50.8449,4.3451 50.8451,4.3449 50.8451,4.3449 50.8449)),((4.3599 50.8599,4.3601 50.8599,4.3601 50.8601,4.3599 50.8601,4.3599 50.8599))))"));
        // A line through feature 0 and feature 4 (on the diagonal 4.34,50.84 – 4.3405,50.8405).
        Assert.Equal([id[0], id[4]], await Filter(s, "S_INTERSECTS(geometry, MULTILINESTRING((4.34 50.84, 4.3405 50.8405),(4.0 50.0, 4.0 50.1)))"));
        Assert.Equal([id[2], id[3]], await Filter(s, "S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(4.35 50.85), POLYGON((4.3599 50.8599,4.3601 50.8599,4.3601 50.8601,4.3599 50.8601,4.3599 50.8599))))"));
        await Assert400Async(s, "S_INTERSECTS(geometry, MULTIPOLYGON(((4 50, 5 50, 5 51, 4 50.5))))");
    }

    /// <summary>What GDAL 3.6 sends for -where on a date-time: times as quoted strings, a date as
    /// '2025-06-02T' (local midnight, Brussels), filter-lang=cql-text. Features are a day apart from 1 June 12:00Z.</summary>
    [Fact]
    public async Task Times_as_gdal_writes_them()
    {
        var (s, id) = await ArrangeAsync();
        async Task<long[]> Gdal(string filter) => FeatureIds(await _recorder.GetJsonAsync(Of(s, $"filter={Q(filter)}&filter-lang=cql-text")));
        Assert.Equal(id[1..], await Gdal("observedAt >= '2025-06-02T'"));
        Assert.Equal(id[..2], await Gdal("observedAt < '2025-06-02T12:00:01Z'"));
        Assert.Equal(id[..2], await Gdal("observedAt <= '2025-06-02T12Z'"));
        Assert.Equal([id[2]], await Gdal("observedAt = '2025-06-03T12:00Z'"));
        Assert.Equal(id[1..], FeatureIds(await _recorder.GetJsonAsync(Of(s, "datetime=2025-06-02T%2F.."))));
        await Assert400Async(s, "observedAt > 'yesterday'");
    }

    private async Task Assert400Async(string source, string filter)
    {
        var response = await _recorder.GetAsync(Of(source, $"filter={Q(filter)}"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}

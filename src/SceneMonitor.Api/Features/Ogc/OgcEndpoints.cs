using System.Text.Json.Nodes;
using SceneMonitor.Api.Infrastructure;
using SceneMonitor.Api.Security;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>OGC API – Features (Part 1 core + GeoJSON + OpenAPI 3.0, Part 2 CRS, Part 3 queryables and
/// CQL2-text filters) under /ogc, for GDAL, QGIS and other GIS clients. The landing page, conformance,
/// API document and collection metadata are public; items need a signed-in caller (token, X-Api-Key, or
/// Basic with a key as password, see BasicKeys) and are shaped per role like the rest of the API. See
/// docs/gis-clients.md, "QGIS and GDAL (OGC API – Features)".</summary>
public static class OgcEndpoints
{
    public static readonly string[] ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
        // The draft name of basic-spatial-functions, which some clients still look for.
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-operators",
    ];

    public static IEndpointRouteBuilder MapOgcEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/ogc").WithTags("OGC API – Features");
        group.MapGet("/", Landing).AllowAnonymous().WithSummary("OGC API – Features landing page.");
        group.MapGet("/conformance", () => Json(new JsonObject { ["conformsTo"] = new JsonArray([.. ConformanceClasses.Select(c => (JsonNode)c)]) }))
            .AllowAnonymous().WithSummary("Conformance classes (core, GeoJSON, OpenAPI 3.0, CRS, queryables, CQL2-text filters).");
        group.MapGet("/api", (HttpRequest request) => Results.Text(OgcOpenApi.Document(request).ToJsonString(OgcLinks.Options), OgcLinks.OpenApi))
            .AllowAnonymous().WithSummary("OpenAPI 3.0 document of the OGC API (what GDAL and the OGC test suite read).");
        group.MapGet("/collections", Collections).AllowAnonymous().WithSummary("The feature collections the caller may read.");
        group.MapGet("/collections/{collectionId}", Collection).AllowAnonymous().WithSummary("One collection's metadata.");
        group.MapGet("/collections/{collectionId}/queryables", Queryables).AllowAnonymous()
            .WithSummary("The properties that filters (query parameters and CQL2-text) may use, as JSON Schema.");
        group.MapGet("/collections/{collectionId}/items", OgcItems.List).RequireAuthorization(Policies.Read)
            .WithSummary("Features: limit, bbox (+bbox-crs), datetime, crs, property filters, filter (CQL2-text); keyset-paged via next links. Audited.");
        group.MapGet("/collections/{collectionId}/items/{featureId}", OgcItems.One).RequireAuthorization(Policies.Read)
            .WithSummary("One feature. Audited.");
        return app;
    }

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(OgcLinks.Options), OgcLinks.Json);

    private static IResult Landing(HttpRequest request)
    {
        var root = OgcLinks.Root(request);
        return Json(new JsonObject
        {
            ["title"] = "SceneMonitor OGC API – Features",
            ["description"] = "Observations of open drug scenes (places and traces, never people), aggregated counts, areas and interventions, shaped per role.",
            ["links"] = new JsonArray(
                OgcLinks.Link(root, "self", OgcLinks.Json, "this document"),
                OgcLinks.Link($"{root}/api", "service-desc", OgcLinks.OpenApi, "the API definition (OpenAPI 3.0)"),
                OgcLinks.Link($"{root}/conformance", "conformance", OgcLinks.Json, "conformance classes"),
                OgcLinks.Link($"{root}/conformance", "http://www.opengis.net/def/rel/ogc/1.0/conformance", OgcLinks.Json, "conformance classes"),
                OgcLinks.Link($"{root}/collections", "data", OgcLinks.Json, "feature collections"),
                OgcLinks.Link($"{root}/collections", "http://www.opengis.net/def/rel/ogc/1.0/data", OgcLinks.Json, "feature collections")),
        });
    }

    private static async Task<IResult> Collections(HttpContext http, ServiceRegionProvider region, CancellationToken ct)
    {
        var root = OgcLinks.Root(http.Request);
        var bbox = await Extent(region, ct);
        var list = OgcCollections.All.Where(c => OgcAccess.MayList(c, http.User)).Select(c => (JsonNode)Describe(c, root, bbox));
        return Json(new JsonObject
        {
            ["links"] = new JsonArray(OgcLinks.Link($"{root}/collections", "self", OgcLinks.Json, "this document")),
            ["collections"] = new JsonArray([.. list]),
            ["crs"] = new JsonArray([.. OgcCrs.All.Select(c => (JsonNode)c.Uri)]),
        });
    }

    private static async Task<IResult> Collection(string collectionId, HttpContext http, ServiceRegionProvider region, CancellationToken ct)
    {
        var (collection, refused) = OgcAccess.Resolve(collectionId, http.User);
        if (refused is not null) return refused;
        return Json(Describe(collection!, OgcLinks.Root(http.Request), await Extent(region, ct)));
    }

    private static async Task<double[]> Extent(ServiceRegionProvider region, CancellationToken ct)
    {
        var e = (await region.GetAsync(ct)).Envelope;
        return [Math.Round(e.MinX, 6), Math.Round(e.MinY, 6), Math.Round(e.MaxX, 6), Math.Round(e.MaxY, 6)];
    }

    private static JsonObject Describe(OgcCollection c, string root, double[] bbox)
    {
        var url = $"{root}/collections/{c.Id}";
        return new JsonObject
        {
            ["id"] = c.Id,
            ["title"] = c.Title,
            ["description"] = c.Description,
            ["itemType"] = "feature",
            ["crs"] = new JsonArray([.. OgcCrs.All.Select(x => (JsonNode)x.Uri)]),
            ["storageCrs"] = OgcCrs.Crs84.Uri,
            ["extent"] = new JsonObject
            {
                ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray([.. bbox.Select(v => (JsonNode)v)])), ["crs"] = OgcCrs.Crs84.Uri },
            },
            ["links"] = new JsonArray(
                OgcLinks.Link(url, "self", OgcLinks.Json, c.Title),
                OgcLinks.Link($"{url}/items", "items", OgcLinks.GeoJson, c.Title),
                OgcLinks.Link($"{url}/items?f=json", "items", OgcLinks.Json, c.Title),
                OgcLinks.Link($"{url}/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", OgcLinks.Schema, "queryables")),
        };
    }

    private static IResult Queryables(string collectionId, HttpContext http, Privacy privacy)
    {
        var (collection, refused) = OgcAccess.Resolve(collectionId, http.User);
        if (refused is not null) return refused;
        var source = collection!.Source(new OgcSourceContext(privacy.ViewFor(http.User), null, new Npgsql.NpgsqlCommand(), privacy.MinCount));
        var properties = new JsonObject
        {
            [OgcSource.GeometryName] = new JsonObject
            {
                ["title"] = "Geometry", ["format"] = $"geometry-{collection.GeometryType.ToLowerInvariant()}", ["x-ogc-role"] = "primary-geometry",
            },
        };
        foreach (var p in source.Properties.Where(p => p.Queryable))
        {
            var schema = new JsonObject { ["title"] = p.Title, ["type"] = p.SchemaType };
            if (p.Type == OgcType.DateTime) schema["format"] = "date-time";
            properties[p.Name] = schema;
        }
        var node = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"{OgcLinks.Root(http.Request)}/collections/{collection.Id}/queryables",
            ["type"] = "object",
            ["title"] = collection.Title,
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        return Results.Text(node.ToJsonString(OgcLinks.Options), OgcLinks.Schema);
    }
}

using System.Text.Json.Nodes;
using SceneMonitor.Core.Observations;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>The OpenAPI 3.0 document of /ogc, written by hand: the app's own document (/openapi/v1.json)
/// is OpenAPI 3.1, which GDAL and the OGC test suite do not read. Each collection gets its own items
/// path listing its property filters, which is where GDAL looks for filters it can pass to the server.</summary>
public static class OgcOpenApi
{
    public static JsonObject Document(HttpRequest request)
    {
        var paths = new JsonObject
        {
            ["/"] = Get("Landing page", "getLandingPage", [], "application/json"),
            ["/conformance"] = Get("Conformance classes", "getConformanceDeclaration", [], "application/json"),
            ["/api"] = Get("This document", "getApiDescription", [], OgcLinks.OpenApi),
            ["/collections"] = Get("Feature collections", "getCollections", [], "application/json"),
            ["/collections/{collectionId}"] = Get("One collection", "describeCollection", [Ref("collectionId")], "application/json"),
            ["/collections/{collectionId}/queryables"] = Get("Queryables as JSON Schema", "getQueryables", [Ref("collectionId")], OgcLinks.Schema),
            ["/collections/{collectionId}/items"] = Get("Features of a collection", "getFeatures", [Ref("collectionId"), .. ItemParameters()], OgcLinks.GeoJson, secured: true),
            ["/collections/{collectionId}/items/{featureId}"] = Get("One feature", "getFeature", [Ref("collectionId"), Ref("featureId"), Ref("crs"), Ref("f")], OgcLinks.GeoJson, secured: true),
        };
        foreach (var c in OgcCollections.All)
        {
            var source = c.Source(new OgcSourceContext(ObservationView.Exact, null, new Npgsql.NpgsqlCommand(), 1));
            var properties = source.Properties.Where(p => p.Queryable).Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name, ["in"] = "query", ["required"] = false, ["style"] = "form", ["explode"] = false,
                ["description"] = $"{p.Title}: only features whose {p.Name} equals this value",
                ["schema"] = p.Type == OgcType.DateTime ? new JsonObject { ["type"] = "string", ["format"] = "date-time" } : new JsonObject { ["type"] = p.SchemaType },
            });
            paths[$"/collections/{c.Id}/items"] = Get($"{c.Title}: {c.Description}", $"getFeatures_{c.Id.Replace('-', '_')}", [.. ItemParameters(), .. properties], OgcLinks.GeoJson, secured: true);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "SceneMonitor OGC API – Features",
                ["version"] = "1.0.0",
                ["description"] = "Observations (per role: exact for recorders and admins, coarsened for analysts, not for planners), counts per category per grid cell, areas and interventions. Items need a bearer token, an X-Api-Key header, or HTTP Basic with an API key as the password (any user name).",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = OgcLinks.Root(request) }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["parameters"] = Parameters(),
                ["securitySchemes"] = new JsonObject
                {
                    ["ApiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-Api-Key" },
                    ["Bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                    ["Basic"] = new JsonObject { ["type"] = "http", ["scheme"] = "basic", ["description"] = "An API key as the password, any user name (QGIS 3.22, GDAL_HTTP_USERPWD)." },
                },
            },
        };
    }

    private static JsonNode[] ItemParameters() =>
        [Ref("limit"), Ref("bbox"), Ref("bbox-crs"), Ref("datetime"), Ref("crs"), Ref("filter"), Ref("filter-lang"), Ref("filter-crs"), Ref("after"), Ref("f")];

    private static JsonObject Ref(string parameter) => new() { ["$ref"] = $"#/components/parameters/{parameter}" };

    private static JsonObject Get(string summary, string operationId, JsonNode[] parameters, string mediaType, bool secured = false)
    {
        var responses = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = summary,
                ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
            },
            ["400"] = Problem("A query parameter is unknown or invalid (the problem names it)"),
            ["404"] = Problem("No such collection or feature"),
        };
        var operation = new JsonObject
        {
            ["summary"] = summary,
            ["operationId"] = operationId,
            ["parameters"] = new JsonArray(parameters),
            ["responses"] = responses,
        };
        if (secured)
        {
            responses["401"] = Problem("Not signed in: send Authorization: Bearer <token>, X-Api-Key: <key> or Basic with the key as password");
            responses["403"] = Problem("The caller's role may not read this collection (planners: use observation-grid)");
            operation["security"] = new JsonArray(new JsonObject { ["ApiKey"] = new JsonArray() }, new JsonObject { ["Bearer"] = new JsonArray() },
                new JsonObject { ["Basic"] = new JsonArray() });
        }
        return new JsonObject { ["get"] = operation };
    }

    private static JsonObject Problem(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
    };

    private static JsonObject Parameters()
    {
        var crsEnum = new JsonArray([.. OgcCrs.All.Select(c => (JsonNode)c.Uri)]);
        JsonObject Query(string name, string description, JsonObject schema, bool explode = false) => new()
        {
            ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description, ["schema"] = schema, ["style"] = "form", ["explode"] = explode,
        };
        JsonObject Path(string name, string description) => new()
        {
            ["name"] = name, ["in"] = "path", ["required"] = true, ["description"] = description, ["schema"] = new JsonObject { ["type"] = "string" },
        };
        return new JsonObject
        {
            ["collectionId"] = Path("collectionId", $"One of {string.Join(", ", OgcCollections.All.Select(c => c.Id))}"),
            ["featureId"] = Path("featureId", "The feature's id"),
            ["limit"] = Query("limit", $"Features per page (default {OgcItemsQuery.DefaultLimit}; larger values than {OgcItemsQuery.MaxLimit} are reduced to it)",
                new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = OgcItemsQuery.MaxLimit, ["default"] = OgcItemsQuery.DefaultLimit }),
            ["bbox"] = Query("bbox", "minLon,minLat,maxLon,maxLat in CRS84, or the corners in bbox-crs (EPSG:4326: minLat,minLon,maxLat,maxLon)",
                new JsonObject { ["type"] = "array", ["minItems"] = 4, ["maxItems"] = 6, ["items"] = new JsonObject { ["type"] = "number" } }),
            ["bbox-crs"] = Query("bbox-crs", "CRS of bbox (default CRS84)", new JsonObject { ["type"] = "string", ["format"] = "uri", ["enum"] = crsEnum.DeepClone() }),
            ["datetime"] = Query("datetime", "An instant, a date, or an interval start/end with '..' for an open end (RFC 3339)", new JsonObject { ["type"] = "string" }),
            ["crs"] = Query("crs", "CRS of the response geometries (default CRS84); the response says which in Content-Crs", new JsonObject { ["type"] = "string", ["format"] = "uri", ["enum"] = crsEnum.DeepClone() }),
            ["filter"] = Query("filter", "CQL2-text: comparisons, AND/OR/NOT, BETWEEN, IN, LIKE, IS NULL and S_INTERSECTS(geometry, BBOX(...)|POLYGON(...)) over the queryables", new JsonObject { ["type"] = "string" }),
            ["filter-lang"] = Query("filter-lang", "cql2-text (cql-text, the draft name GDAL 3.6 looks for, is read as cql2-text)",
                new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. OgcItemsQuery.FilterLanguages.Select(l => (JsonNode)l)]), ["default"] = "cql2-text" }),
            ["filter-crs"] = Query("filter-crs", "CRS of geometry literals in filter (default CRS84)", new JsonObject { ["type"] = "string", ["format"] = "uri", ["enum"] = crsEnum.DeepClone() }),
            [OgcItemsQuery.CursorParameter] = Query(OgcItemsQuery.CursorParameter, "Paging cursor: take it from a page's next link", new JsonObject { ["type"] = "integer" }),
            ["f"] = Query("f", "geojson (default) or json", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("geojson", "json") }),
        };
    }
}

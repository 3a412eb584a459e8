using System.Text.Json;
using System.Text.Json.Nodes;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>Absolute links (GDAL and QGIS follow them as given) and the media types of the OGC API.</summary>
public static class OgcLinks
{
    public const string Json = "application/json";
    public const string GeoJson = "application/geo+json";
    public const string OpenApi = "application/vnd.oai.openapi+json;version=3.0";
    public const string Schema = "application/schema+json";

    /// <summary>Names and titles are written as they are (no \u escapes for dashes or accents).</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The API root, e.g. http://host/ogc.</summary>
    public static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/ogc";

    public static JsonObject Link(string href, string rel, string type, string? title = null)
    {
        var link = new JsonObject { ["href"] = href, ["rel"] = rel, ["type"] = type };
        if (title is not null) link["title"] = title;
        return link;
    }

    public static void Write(Utf8JsonWriter w, string href, string rel, string type, string? title = null)
    {
        w.WriteStartObject();
        w.WriteString("href", href);
        w.WriteString("rel", rel);
        w.WriteString("type", type);
        if (title is not null) w.WriteString("title", title);
        w.WriteEndObject();
    }

    /// <summary>This request's URL with <paramref name="name"/> set to <paramref name="value"/> (null: removed).</summary>
    public static string WithParameter(HttpRequest request, string name, string? value)
    {
        var query = request.Query.Where(kv => kv.Key != name)
            .SelectMany(kv => kv.Value.Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v ?? "")}"));
        if (value is not null) query = query.Append($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
        var q = string.Join('&', query);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{(q.Length > 0 ? "?" + q : "")}";
    }
}

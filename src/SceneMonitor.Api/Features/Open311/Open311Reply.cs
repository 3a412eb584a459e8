using System.Text;
using System.Text.Json;
using System.Xml;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>GeoReport v2 answers in the format the path asks for: `.json`, or `.xml` and no extension
/// (XML is the spec's default; FixMyStreet asks for `services.xml`, `requests.xml`,
/// `servicerequestupdates.xml`). Both are written from the same records, so the two formats cannot
/// drift apart: the XML is the JSON turned into elements (<see cref="Open311Xml"/>).</summary>
public sealed class Open311Reply(object body, string root, string? item, int status = StatusCodes.Status200OK) : IResult
{
    public const string Json = "json";
    public const string Xml = "xml";

    /// <summary>The route value `format` ("xml" or "json"); no extension means XML. Null for another extension.</summary>
    public static string? FormatOf(HttpRequest request) =>
        (request.RouteValues["format"] as string)?.ToLowerInvariant() switch { null or Xml => Xml, Json => Json, _ => null };

    public object Body => body;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = status;
        if (FormatOf(http.Request) == Json)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body, body, body.GetType(), Open311Json.Options, http.RequestAborted);
            return;
        }
        http.Response.ContentType = "text/xml; charset=utf-8";
        var document = Open311Xml.Document(JsonSerializer.SerializeToElement(body, body.GetType(), Open311Json.Options), root, item);
        var buffer = new MemoryStream();
        await using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true, Indent = false }))
            await document.SaveAsync(writer, http.RequestAborted);
        buffer.Position = 0;
        await buffer.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}

using System.Text.Json;
using System.Xml.Linq;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>The GeoReport v2 XML form of a JSON answer: an array becomes a root element (services,
/// service_requests, service_request_updates, errors) holding one element per item (service, request,
/// request_update, error); an object's members become child elements of the same snake_case names;
/// a nested array becomes its element with one child per entry, named as the spec's examples name
/// them (attributes/attribute, values/value). Null is an empty element, as in the spec's examples
/// (FixMyStreet's XML::Simple reads it as undef: SuppressEmpty => undef).</summary>
public static class Open311Xml
{
    private static readonly Dictionary<string, string> Singular = new()
    {
        ["attributes"] = "attribute", ["values"] = "value", ["endpoints"] = "endpoint", ["formats"] = "format", ["groups"] = "group",
    };

    public static XDocument Document(JsonElement body, string root, string? item)
    {
        var element = body.ValueKind == JsonValueKind.Array
            ? new XElement(root, body.EnumerateArray().Select(e => Element(item ?? root, e)))
            : Element(root, body);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), element);
    }

    private static XElement Element(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new XElement(name, value.EnumerateObject().Select(p => Element(p.Name, p.Value))),
        JsonValueKind.Array => new XElement(name, value.EnumerateArray().Select(e => Element(Singular.GetValueOrDefault(name, name.TrimEnd('s')), e))),
        JsonValueKind.String => new XElement(name, value.GetString()),
        JsonValueKind.True => new XElement(name, "true"),
        JsonValueKind.False => new XElement(name, "false"),
        JsonValueKind.Number => new XElement(name, value.GetRawText()),
        _ => new XElement(name),
    };
}

namespace SceneMonitor.Api.Features.Open311;

/// <summary>GeoReport v2 errors are a list of {code, description}, not ProblemDetails: Open311 clients
/// parse that shape (FixMyStreet reads errors/error/code and description). The code is the HTTP status.
/// In the path's format; an unknown extension is answered in XML, the spec's default.</summary>
public static class Open311Error
{
    public sealed record Item(int Code, string Description);

    public static Open311Reply Result(int status, params string[] descriptions) =>
        new(descriptions.Select(d => new Item(status, d)).ToArray(), "errors", "error", status);

    public static Open311Reply BadRequest(params string[] descriptions) => Result(StatusCodes.Status400BadRequest, descriptions);

    /// <summary>Null when the path's extension is .xml, .json or none.</summary>
    public static Open311Reply? Format(HttpRequest request) =>
        Open311Reply.FormatOf(request) is null
            ? BadRequest($"format: '{request.RouteValues["format"]}' is not served; use .xml (the default) or .json")
            : null;
}

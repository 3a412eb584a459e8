using Microsoft.AspNetCore.Http.HttpResults;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>GeoReport v2 errors are a JSON array of {code, description}, not ProblemDetails: Open311
/// clients parse that shape. The code is the HTTP status.</summary>
public static class Open311Error
{
    public sealed record Item(int Code, string Description);

    public static JsonHttpResult<Item[]> Result(int status, params string[] descriptions) =>
        TypedResults.Json(descriptions.Select(d => new Item(status, d)).ToArray(), Open311Json.Options, statusCode: status);

    public static JsonHttpResult<Item[]> BadRequest(params string[] descriptions) => Result(StatusCodes.Status400BadRequest, descriptions);
}

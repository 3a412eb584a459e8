using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Reads a JSON body ourselves so that malformed JSON gets a ProblemDetails naming the
/// field and position, instead of the framework's bare 400.</summary>
public static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Problems.UnsupportedMediaType());
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct);
            return value is null ? (null, Problems.BadRequest("body", "is empty or null")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.FromJsonException(e));
        }
    }
}

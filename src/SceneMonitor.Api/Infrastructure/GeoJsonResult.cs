using System.Text.Json;
using SceneMonitor.Core.GeoJson;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>Writes GeoJSON straight to the response stream with a Utf8JsonWriter, so that large
/// collections are streamed instead of built in memory. <paramref name="contentType"/> overrides
/// application/geo+json (the OGC API's f=json).</summary>
public sealed class GeoJsonResult(Func<Utf8JsonWriter, CancellationToken, Task> write, int status = StatusCodes.Status200OK, string? location = null, string? contentType = null) : IResult
{
    private const int FlushBytes = 32 * 1024;

    /// <summary>Sends what the writer holds once it passes 32 KB. The writer's buffer then never grows
    /// onto the large-object heap: with a flush every 500 features it did, on every request, and
    /// under 50 concurrent viewport requests the full collections that followed cost about a third
    /// of the API's CPU (bench/notes.md, "Viewport").</summary>
    public static ValueTask FlushWhenFullAsync(Utf8JsonWriter w, CancellationToken ct) =>
        w.BytesPending >= FlushBytes ? new ValueTask(w.FlushAsync(ct)) : ValueTask.CompletedTask;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType ?? ObservationGeoJson.MediaType;
        if (location is not null) http.Response.Headers.Location = location;
        await using var writer = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        await write(writer, http.RequestAborted);
        await writer.FlushAsync(http.RequestAborted);
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using SceneMonitor.Core.Areas;
using SceneMonitor.Core.Domain;
using SceneMonitor.Core.GeoJson;

namespace SceneMonitor.Api.Features.Areas;

/// <summary>GET /api/areas as cached bytes with a validator. The boundaries are the largest thing the
/// map page loads (the neighbourhoods 0.8 MB at full detail) and change only when an admin edits a
/// custom area, so each listing (kind × zoom) is written once per version of the areas
/// (<see cref="AreaStore.VersionAsync"/>) and kept; a page that already has it gets 304 Not
/// Modified. With a zoom the outlines are simplified to half a screen pixel at that zoom and written
/// with the decimals that zoom can show. One instance per app (singleton).</summary>
public sealed class AreaListCache
{
    public const double MaxZoom = 22;
    private readonly ConcurrentDictionary<(AreaKind? Kind, int Zoom), Entry> _entries = new();

    private sealed record Entry(string Version, byte[] Body, string ETag);

    /// <summary>The zoom levels a listing is kept for: whole levels, -1 for full detail.</summary>
    public static int ZoomKey(double? zoom) => zoom is { } z ? (int)Math.Floor(Math.Clamp(z, 0, MaxZoom)) : -1;

    public async Task<IResult> GetAsync(HttpContext http, AreaStore store, AreaKind? kind, double? zoom, CancellationToken ct)
    {
        var key = (kind, ZoomKey(zoom));
        var version = await store.VersionAsync(kind, ct);
        if (!_entries.TryGetValue(key, out var entry) || entry.Version != version)
        {
            entry = await BuildAsync(store, kind, key.Item2, version, ct);
            _entries[key] = entry;
        }
        // The page must ask every time (an admin's change shows at once), but a 304 costs one small query.
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.ETag = entry.ETag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == entry.ETag || t.Trim() == "*")))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(entry.Body, ObservationGeoJson.MediaType);
    }

    /// <summary>Half a pixel of the zoom in degrees of longitude (256-pixel tiles), and decimals
    /// finer than a tenth of it; full detail (7 decimals, about 1 cm) without a zoom.</summary>
    public static (double Tolerance, int Digits) Detail(int zoomKey)
    {
        if (zoomKey < 0) return (0, 7);
        var tolerance = 180.0 / (256 * Math.Pow(2, zoomKey));
        return (tolerance, Math.Clamp((int)Math.Ceiling(-Math.Log10(tolerance / 10)), 4, 7));
    }

    private static async Task<Entry> BuildAsync(AreaStore store, AreaKind? kind, int zoomKey, string version, CancellationToken ct)
    {
        var (tolerance, digits) = Detail(zoomKey);
        using var buffer = new MemoryStream();
        await using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            await foreach (var a in store.ListAsync(kind, ct, tolerance, digits))
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WriteNumber("id", a.Id);
                w.WritePropertyName("geometry");
                w.WriteRawValue(a.GeoJson, skipInputValidation: true);
                w.WriteStartObject("properties");
                w.WriteNumber("id", a.Id);
                w.WriteString("name", a.Name);
                w.WriteString("nameFr", a.NameFr);
                w.WriteString("nameNl", a.NameNl);
                w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(a.Kind));
                w.WriteString("code", a.Code);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        var body = buffer.ToArray();
        var etag = new EntityTagHeaderValue($"\"{Convert.ToBase64String(SHA256.HashData(body), 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_')}\"").Tag.ToString();
        return new Entry(version, body, etag);
    }
}

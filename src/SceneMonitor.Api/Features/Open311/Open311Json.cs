using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SceneMonitor.Api.Features.Open311;

/// <summary>GeoReport v2 field names are snake_case; absent values are written as null, as the spec's examples do.</summary>
public static class Open311Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>W3C date-time with the local offset (QueryTime.Zone, Brussels), e.g. 2026-05-01T14:30:00+02:00 (the spec's format).</summary>
    public static string Time(DateTimeOffset t) =>
        TimeZoneInfo.ConvertTime(t, SceneMonitor.Api.Infrastructure.QueryTime.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

using System.Globalization;
using SceneMonitor.Api.Infrastructure;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>The `datetime` parameter: an instant (2025-06-01T12:00:00Z), a date (a whole local day of
/// QueryTime.Zone, Brussels: 23 or 25 hours on DST days) or an
/// interval "start/end" with ".." or an empty side for an open end. Intervals are closed; a date-only
/// end includes its whole day. Times without an offset are not accepted (RFC 3339 needs one).</summary>
public static class OgcTime
{
    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    public static bool TryParse(string text, out OgcInterval? interval, out string? error)
    {
        interval = null;
        error = null;
        var parts = text.Split('/');
        if (parts.Length > 2) { error = "must be an instant or one interval start/end"; return false; }
        if (parts.Length == 1)
        {
            if (!TryParseInstant(parts[0], out var at, out var isDate)) { error = Format; return false; }
            if (!InRange(at)) { error = QueryTime.OutOfRange; return false; }
            interval = isDate ? new OgcInterval(at, EndOfDay(at)) : new OgcInterval(at, at);
            return true;
        }
        DateTime? start = null, end = null;
        if (!IsOpen(parts[0]))
        {
            if (!TryParseInstant(parts[0], out var s, out _)) { error = $"start: {Format}"; return false; }
            if (!InRange(s)) { error = $"start: {QueryTime.OutOfRange}"; return false; }
            start = s;
        }
        if (!IsOpen(parts[1]))
        {
            if (!TryParseInstant(parts[1], out var e, out var endIsDate)) { error = $"end: {Format}"; return false; }
            if (!InRange(e)) { error = $"end: {QueryTime.OutOfRange}"; return false; }
            end = endIsDate ? EndOfDay(e) : e;
        }
        if (start is null && end is null) { error = "an interval needs at least one end (../.. is not allowed)"; return false; }
        if (start > end) { error = "the start is after the end"; return false; }
        interval = new OgcInterval(start, end);
        return true;
    }

    private const string Format = "must be RFC 3339, e.g. 2025-06-01T12:00:00Z, 2025-06-01, or an interval such as 2025-06-01T00:00:00Z/.. or ../2025-07-01";

    private static bool InRange(DateTime utc) => QueryTime.InRange(new DateTimeOffset(utc, TimeSpan.Zero));

    private static bool IsOpen(string side) => side is "" or "..";

    /// <summary>The last tick of the local day that starts at <paramref name="startUtc"/>.</summary>
    private static DateTime EndOfDay(DateTime startUtc)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(startUtc, QueryTime.Zone));
        return QueryTime.StartOfDay(day.AddDays(1)).UtcDateTime.AddTicks(-1);
    }

    /// <summary>GDAL (OAPIF driver, 3.6) writes a date as "2025-06-01T" and a time without seconds or minutes
    /// as "2025-06-01T10Z": read these as the date and as 10:00:00Z. Anything else is left as it is.</summary>
    private static string GdalForm(string t)
    {
        if (t.Length == 11 && t[10] is 'T' or 't') return t[..10];
        if (t.Length == 14 && t[10] is 'T' or 't' && t[13] is 'Z' or 'z') return t[..13] + ":00:00Z";
        return t;
    }

    /// <summary>An RFC 3339 date-time with offset, or a date (its local midnight, see QueryTime), as a UTC DateTime.</summary>
    public static bool TryParseInstant(string text, out DateTime utc, out bool isDate)
    {
        isDate = false;
        utc = default;
        var t = GdalForm(text.Trim());
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && QueryTime.TryParse(t, out var day))
        {
            utc = day.UtcDateTime;
            isDate = true;
            return true;
        }
        // RFC 3339 allows a lowercase t/z and a space is not allowed; require an offset or Z.
        t = t.Replace('t', 'T').Replace('z', 'Z');
        if (!(t.EndsWith('Z') || t.Length > 6 && t[^6] is '+' or '-')) return false;
        if (!DateTimeOffset.TryParseExact(t, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)) return false;
        utc = value.UtcDateTime;
        return true;
    }
}

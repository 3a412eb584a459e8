using System.Globalization;

namespace SceneMonitor.Api.Infrastructure;

/// <summary>The instants a date parameter may name, and how a date parameter is read. Wider than any
/// data (observations start in 2000) yet far from the ends of the calendar, where adding a day, a
/// default period or a time zone offset overflows DateTime (years 1 and 9999 gave 500s).</summary>
public static class QueryTime
{
    public static readonly DateTimeOffset Min = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Max = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string OutOfRange = "must lie between the years 1900 and 2999";

    /// <summary>The service's time zone (the region pack's timeZone, or Observations:TimeZone), set once at start-up:
    /// a date alone in a filter means a day there.</summary>
    public static TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public static void Configure(string timeZoneId) => Zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    /// <summary>How exports and the API describe a date-only filter.</summary>
    public static string DayMeaning => $"a date without a time (from=2026-01-01) is the local day in {Zone.Id}, from its midnight";

    public static bool InRange(DateTimeOffset t) => t >= Min && t < Max;

    /// <summary>A date alone (yyyy-MM-dd) is the start of that local day in <see cref="Zone"/> (so
    /// from=2026-01-01 includes 00:30 on New Year's night in Brussels and to=2026-01-01 excludes it;
    /// UTC midnight would be 01:00 there). Anything else is ISO 8601, without an offset read as UTC as before.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        if (t.Length == 10 && DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // Far years stay UTC midnights, which InRange then refuses (an offset there could overflow).
            value = day.Year is >= 1900 and < 3000 ? StartOfDay(day) : new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>Local midnight of <paramref name="day"/>; where a zone skips midnight (a DST change at 00:00), the first local time that exists.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

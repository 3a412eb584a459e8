namespace SceneMonitor.Api.Infrastructure;

/// <summary>The instants a date parameter may name. Wider than any data (observations start in 2000)
/// yet far from the ends of the calendar, where adding a day, a default period or a time zone
/// offset overflows DateTime (years 1 and 9999 gave 500s).</summary>
public static class QueryTime
{
    public static readonly DateTimeOffset Min = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Max = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string OutOfRange = "must lie between the years 1900 and 2999";

    public static bool InRange(DateTimeOffset t) => t >= Min && t < Max;
}

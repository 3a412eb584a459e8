using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Features.Emerging;

/// <summary>The period boundaries of an emerging analysis or of the evolution frames: N equal
/// periods of [from, to), or calendar weeks (Monday) or months in the service's time zone. Calendar
/// periods cover [from, to) whole: from is moved back to the start of its week or month and to
/// forward to the next start, so every period has its full length (a half week at either end would
/// read as a drop) and every boundary is a midnight (planners' rule).</summary>
public static class PeriodBounds
{
    public static readonly string[] Intervals = ["week", "month"];

    public static DateTimeOffset[] Equal(DateTimeOffset from, DateTimeOffset to, int periods)
    {
        var length = (to - from).Ticks / periods;
        return Enumerable.Range(0, periods + 1).Select(t => t == periods ? to : from.AddTicks(length * t)).ToArray();
    }

    public static DateTimeOffset[] Calendar(DateTimeOffset from, DateTimeOffset to, string interval, PlannerGranularity days)
    {
        var first = TimeZoneInfo.ConvertTime(from, days.Zone).Date;
        first = interval == "week" ? first.AddDays(-(((int)first.DayOfWeek + 6) % 7)) : new DateTime(first.Year, first.Month, 1);
        var bounds = new List<DateTimeOffset>();
        for (var day = first; ; day = interval == "week" ? day.AddDays(7) : day.AddMonths(1))
        {
            var start = days.AtLocal(day);
            bounds.Add(start);
            if (start >= to) return bounds.ToArray();
        }
    }
}

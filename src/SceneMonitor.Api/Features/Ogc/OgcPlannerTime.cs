using SceneMonitor.Core.Privacy;

namespace SceneMonitor.Api.Features.Ogc;

/// <summary>A planner's `datetime`: whole days of the service's time zone, as everywhere else for
/// planners (two grids an hour apart, differenced, would count the observations of that hour). OGC
/// intervals are closed, so an end may be a midnight (read as exclusive: the coarse view's hour
/// starting at that midnight belongs to the next day) or the last instant before one. Instants
/// and UTC dates (which start at 01:00 or 02:00 in Brussels) are refused.</summary>
public static class OgcPlannerTime
{
    public static string? Check(OgcInterval? time, PlannerGranularity days)
    {
        if (time is null) return null;
        if (time.Start is { } s && !days.IsDayStart(Utc(s)))
            return $"planners give whole days: the start must be a midnight of {days.Zone.Id}, e.g. 2026-03-01T00:00:00+01:00/2026-03-08T00:00:00+01:00";
        if (time.End is { } e && !days.IsDayStart(Utc(e)) && !days.IsDayStart(Utc(e).AddTicks(1)))
            return $"planners give whole days: the end must be a midnight of {days.Zone.Id} (exclusive), e.g. 2026-03-01T00:00:00+01:00/2026-03-08T00:00:00+01:00";
        if (time.Start is { } a && time.End is { } b && Exclusive(b, days) <= a)
            return "planners give an interval of at least one whole day, not an instant";
        return null;
    }

    /// <summary>The interval with an end at midnight made exclusive (one tick earlier).</summary>
    public static OgcInterval? Adjust(OgcInterval? time, PlannerGranularity days) =>
        time?.End is { } e ? time with { End = Exclusive(e, days) } : time;

    private static DateTime Exclusive(DateTime end, PlannerGranularity days) => days.IsDayStart(Utc(end)) ? end.AddTicks(-1) : end;

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}

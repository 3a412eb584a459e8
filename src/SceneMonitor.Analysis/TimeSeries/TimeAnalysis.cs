namespace SceneMonitor.Analysis.TimeSeries;

/// <summary>Counts per week (weeks starting Monday 00:00 in <paramref name="TimeZone"/>) of the target,
/// each buffer ring and the control over the whole series of observations, and the intervention date.</summary>
/// <param name="Rings">Per ring (innermost first), one count per week.</param>
public sealed record WeeklyZoneCounts(
    IReadOnlyList<DateOnly> Weeks, IReadOnlyList<int> Target, IReadOnlyList<IReadOnlyList<int>> Rings, IReadOnlyList<int> Control,
    DateTimeOffset Intervention, string TimeZone = "Europe/Brussels")
{
    /// <summary>The rings together: the buffer.</summary>
    public IReadOnlyList<int> Buffer => Weeks.Select((_, i) => Rings.Sum(r => r[i])).ToArray();

    /// <summary>The intervention on the weeks' wall clock.</summary>
    public DateTime InterventionLocal => TimeZoneInfo.ConvertTime(Intervention, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime;
}

/// <summary>The time part of a displacement analysis: the weekly series, an interrupted time series
/// for the target and for the buffer, and the placebo-in-time test of each.</summary>
public sealed record TimeResult(WeeklyZoneCounts Series, ItsEstimate? TargetIts, ItsEstimate? BufferIts, PlaceboResult? TargetPlacebo, PlaceboResult? BufferPlacebo);

public static class TimeAnalysis
{
    public static TimeResult Run(WeeklyZoneCounts series, ItsOptions? options = null)
    {
        var date = series.InterventionLocal;
        var buffer = series.Buffer;
        var target = InterruptedTimeSeries.Estimate(series.Weeks, series.Target, date, options);
        var ring = series.Rings.Count == 0 ? null : InterruptedTimeSeries.Estimate(series.Weeks, buffer, date, options);
        return new TimeResult(series, target, ring,
            target is null ? null : PlaceboInTime.Run(series.Weeks, series.Target, date, target, PlaceboDirection.Decrease, options),
            ring is null ? null : PlaceboInTime.Run(series.Weeks, buffer, date, ring, PlaceboDirection.Increase, options));
    }
}

using System.Globalization;
using SceneMonitor.Analysis.TimeSeries;

namespace SceneMonitor.Api.Features.Displacement;

/// <summary>Weekly counts of the zones over the whole series (weeks start Monday 00:00 in <c>TimeZone</c>)
/// and the intervention date they are read against.</summary>
public sealed record TimelineSummary(string Interval, string TimeZone, DateTimeOffset InterventionDate, IReadOnlyList<TimelineWeek> Weeks);

/// <param name="Start">The week's local Monday (yyyy-MM-dd).</param>
/// <param name="Buffer">All rings together.</param>
public sealed record TimelineWeek(string Start, int Target, int Buffer, IReadOnlyList<int> Rings, int Control);

/// <summary>Interrupted time series of one zone: ratios are exp(coefficient) (0.4 = the weekly count
/// fell to 40 %), with 95 % Wald intervals; <c>P</c> is the level change's, <c>SlopeP</c> the slope change's.</summary>
public sealed record ItsSummary(string Model, double? LevelRatio, double? LevelLow, double? LevelHigh, double? SlopeRatio, double? SlopeLow,
    double? SlopeHigh, double? P, double? SlopeP, double? Theta, bool Seasonality, int WeeksBefore, int WeeksAfter, int TransitionWeeks, string Note);

public sealed record ItsPair(ItsSummary? Target, ItsSummary? Buffer);

/// <param name="Date">A fake intervention date (local day).</param>
/// <param name="Value">The level ratio estimated there.</param>
public sealed record PlaceboDate(string Date, double? Value);

/// <param name="Direction">"decrease" (target: rank 1 = the strongest fall) or "increase" (buffer:
/// rank 1 = the strongest rise, as displacement would give).</param>
public sealed record PlaceboSummary(double? Real, IReadOnlyList<PlaceboDate> Placebos, int Rank, int Of, double? P, string Direction);

public sealed record PlaceboPair(PlaceboSummary? Target, PlaceboSummary? Buffer);

/// <summary>Maps the library's time part (<see cref="TimeAnalysis"/>) to <c>summary.timeline</c>,
/// <c>summary.its</c> and <c>summary.placebo</c>, figures rounded by the presenter's rule.</summary>
public static class DisplacementTimeSummary
{
    public static TimelineSummary? Timeline(TimeResult? time)
    {
        if (time?.Series is not { } s) return null;
        var buffer = s.Buffer;
        return new TimelineSummary("week", s.TimeZone, TimeZoneInfo.ConvertTime(s.Intervention, TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone)),
            s.Weeks.Select((w, i) => new TimelineWeek(Day(w), s.Target[i], buffer[i], s.Rings.Select(r => r[i]).ToArray(), s.Control[i])).ToList());
    }

    public static ItsPair? Its(TimeResult? time, Func<double?, int, double?> v) =>
        time is null || (time.TargetIts is null && time.BufferIts is null) ? null : new ItsPair(Its(time.TargetIts, v), Its(time.BufferIts, v));

    public static PlaceboPair? Placebo(TimeResult? time, Func<double?, int, double?> v) =>
        time is null || (time.TargetPlacebo is null && time.BufferPlacebo is null) ? null : new PlaceboPair(Placebo(time.TargetPlacebo, v), Placebo(time.BufferPlacebo, v));

    private static ItsSummary? Its(ItsEstimate? e, Func<double?, int, double?> v) => e is null ? null : new ItsSummary(
        e.Model, v(e.LevelRatio, 3), v(e.LevelLow, 3), v(e.LevelHigh, 3), v(e.SlopeRatio, 4), v(e.SlopeLow, 4), v(e.SlopeHigh, 4),
        P(e.P), P(e.SlopeP), v(e.Theta, 2), e.Seasonality, e.WeeksBefore, e.WeeksAfter, e.TransitionWeeks, e.Note);

    private static PlaceboSummary? Placebo(PlaceboResult? r, Func<double?, int, double?> v) => r is null ? null : new PlaceboSummary(
        v(r.Real, 3), r.Placebos.Select(x => new PlaceboDate(Day(DateOnly.FromDateTime(x.Date)), v(x.LevelRatio, 3))).ToList(),
        r.Rank, r.Of, v(r.P, 3), r.Direction == PlaceboDirection.Decrease ? "decrease" : "increase");

    /// <summary>A p-value to three significant digits: rounded to decimals, 8.5e-21 would read as 0.</summary>
    private static double? P(double p) => double.IsFinite(p) ? Infrastructure.Significant.Round(p, 3) : null;

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

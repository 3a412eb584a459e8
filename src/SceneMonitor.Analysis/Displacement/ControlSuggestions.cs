namespace SceneMonitor.Analysis.Displacement;

/// <summary>A candidate control area's weekly counts over the period before an intervention.</summary>
public sealed record ControlCandidate(int Id, IReadOnlyList<double> Weekly);

/// <summary>How a candidate compares with the target before the intervention (lower score = more alike).</summary>
/// <param name="Ratio">Candidate's weekly mean / target's.</param>
/// <param name="Trend">Candidate's least-squares slope per week as a share of its mean (0.01 = +1 % a week).</param>
/// <param name="Correlation">Pearson correlation of the two weekly series; null when either is constant.</param>
public sealed record ControlSuggestion(int Id, double Total, double WeeklyMean, double Ratio, double Trend, double? Correlation, double Score);

public sealed record ControlSuggestionResult(double TargetTotal, double TargetWeeklyMean, double TargetTrend, IReadOnlyList<ControlSuggestion> Ranked, string? Note);

/// <summary>
/// Ranks candidate control areas by how much their pre-intervention series resembles the target's
/// (docs/methods.md, "Control suggestions"): a control should have had a similar level and trend
/// before the intervention, so that its after-period change is a fair stand-in for what the target
/// would have done (the parallel-trends idea behind the WDQ's and WDD's control).
/// score = |ln(mean_c / mean_t)| + n·|trend_c − trend_t| + (1 − r)/2, with n the number of weeks
/// (so the trend term is the difference in relative change over the whole period) and r the
/// correlation (0.5 when undefined). Candidates without any event are left out.
/// </summary>
public static class ControlSuggestions
{
    public static ControlSuggestionResult Rank(IReadOnlyList<double> target, IReadOnlyList<ControlCandidate> candidates)
    {
        var n = target.Count;
        if (n < 2) return new ControlSuggestionResult(target.Sum(), n == 0 ? 0 : target.Average(), 0, [], "Fewer than two weeks before the intervention: nothing to compare.");
        var (meanT, trendT) = (target.Average(), RelativeTrend(target));
        if (meanT == 0) return new ControlSuggestionResult(0, 0, 0, [], "The target had no events before the intervention: no level or trend to match.");
        var ranked = candidates
            .Where(c => c.Weekly.Count == n && c.Weekly.Sum() > 0)
            .Select(c =>
            {
                var mean = c.Weekly.Average();
                var trend = RelativeTrend(c.Weekly);
                var r = Correlation(target, c.Weekly);
                var score = Math.Abs(Math.Log(mean / meanT)) + n * Math.Abs(trend - trendT) + (1 - (r ?? 0)) / 2;
                return new ControlSuggestion(c.Id, c.Weekly.Sum(), mean, mean / meanT, trend, r, score);
            })
            .OrderBy(s => s.Score).ThenBy(s => s.Id).ToList();
        return new ControlSuggestionResult(target.Sum(), meanT, trendT, ranked, ranked.Count == 0 ? "No candidate area had events before the intervention." : null);
    }

    /// <summary>Least-squares slope of the counts on the week number, divided by their mean.</summary>
    public static double RelativeTrend(IReadOnlyList<double> y)
    {
        var n = y.Count;
        double meanX = (n - 1) / 2.0, meanY = y.Average(), sxy = 0, sxx = 0;
        for (var i = 0; i < n; i++) { sxy += (i - meanX) * (y[i] - meanY); sxx += (i - meanX) * (i - meanX); }
        return meanY == 0 || sxx == 0 ? 0 : sxy / sxx / meanY;
    }

    public static double? Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Count; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return saa == 0 || sbb == 0 ? null : sab / Math.Sqrt(saa * sbb);
    }
}

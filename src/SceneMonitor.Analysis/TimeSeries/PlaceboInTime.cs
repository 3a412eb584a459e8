namespace SceneMonitor.Analysis.TimeSeries;

/// <summary>Which way the real estimate is expected to go, fixed before looking: the target's count
/// should fall (rank 1 = the strongest decrease); a buffer that takes displaced activity should rise
/// (rank 1 = the strongest increase).</summary>
public enum PlaceboDirection { Decrease, Increase }

public sealed record PlaceboEstimate(DateTime Date, double LevelRatio);

/// <param name="Real">The level ratio at the real date.</param>
/// <param name="Rank">Rank of the real estimate among itself and the placebos in <see cref="Direction"/>
/// (1 = the most extreme); a placebo as extreme as the real one counts against it.</param>
/// <param name="Of">Number of estimates ranked: the placebos and the real one.</param>
/// <param name="P">Rank / Of: the share of dates, real included, with an effect at least as extreme.</param>
public sealed record PlaceboResult(double Real, IReadOnlyList<PlaceboEstimate> Placebos, int Rank, int Of, double P, PlaceboDirection Direction);

/// <summary>
/// Placebo-in-time test (in-time placebos as in Abadie, Diamond &amp; Hainmueller 2015): the same
/// level-change estimate (<see cref="InterruptedTimeSeries"/>) at fake dates every few weeks before
/// the real one, each fitted on the weeks before the real date only, so the real effect cannot leak
/// into a placebo. If the real change is no more extreme than changes at dates when nothing
/// happened, the series' ordinary ups and downs could explain it.
/// </summary>
public static class PlaceboInTime
{
    /// <param name="real">The estimate at the real date (its level ratio is ranked).</param>
    /// <param name="every">Weeks between fake dates.</param>
    /// <param name="count">Fake dates tried (every 4 weeks × 13 = the preceding year); dates whose
    /// pre-period or post-period is too short for <paramref name="options"/> are skipped.</param>
    public static PlaceboResult? Run(IReadOnlyList<DateOnly> weeks, IReadOnlyList<int> counts, DateTime intervention, ItsEstimate real,
        PlaceboDirection direction, ItsOptions? options = null, int every = 4, int count = 13)
    {
        // Only whole weeks before the real date.
        var n = 0;
        while (n < weeks.Count && weeks[n].ToDateTime(TimeOnly.MinValue).AddDays(7) <= intervention) n++;
        var beforeWeeks = weeks.Take(n).ToArray();
        var beforeCounts = counts.Take(n).ToArray();
        var placebos = new List<PlaceboEstimate>();
        for (var k = 1; k <= count; k++)
        {
            var date = intervention.AddDays(-7 * every * k);
            if (InterruptedTimeSeries.Estimate(beforeWeeks, beforeCounts, date, options) is { } e)
                placebos.Add(new PlaceboEstimate(date, e.LevelRatio));
        }
        if (placebos.Count == 0) return null;
        var asExtreme = placebos.Count(x => direction == PlaceboDirection.Decrease ? x.LevelRatio <= real.LevelRatio : x.LevelRatio >= real.LevelRatio);
        var rank = 1 + asExtreme;
        var of = placebos.Count + 1;
        return new PlaceboResult(real.LevelRatio, placebos, rank, of, (double)rank / of, direction);
    }
}

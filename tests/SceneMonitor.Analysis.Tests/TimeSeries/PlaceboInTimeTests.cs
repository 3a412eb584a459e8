using SceneMonitor.Analysis.TimeSeries;

namespace SceneMonitor.Analysis.Tests.TimeSeries;

public class PlaceboInTimeTests
{
    private static readonly DateOnly First = new(2024, 1, 1); // a Monday

    /// <summary>60 weeks around 50 with a fixed wobble, then 30 weeks around 15 (a clear fall at week 60).</summary>
    private static (DateOnly[] Weeks, int[] Counts, DateTime Date) Fall()
    {
        var counts = Enumerable.Range(0, 90).Select(i => (i < 60 ? 50 : 15) + i * 7 % 11 - 5).ToArray();
        return (Enumerable.Range(0, 90).Select(i => First.AddDays(7 * i)).ToArray(), counts, First.AddDays(7 * 60).ToDateTime(TimeOnly.MinValue));
    }

    [Fact]
    public void Fake_dates_every_four_weeks_where_the_data_before_the_real_date_allow_a_fit()
    {
        var (weeks, counts, date) = Fall();
        var real = InterruptedTimeSeries.Estimate(weeks, counts, date)!;
        var r = PlaceboInTime.Run(weeks, counts, date, real, PlaceboDirection.Decrease)!;
        // Hand count: fake date 4k weeks back (k = 1..13) fitted on weeks 0–59 only. Weeks after its
        // phase-in = 4k − 2 ≥ 4 needs k ≥ 2; weeks before = 60 − 4k ≥ 8 allows k ≤ 13: 12 placebos.
        Assert.Equal(12, r.Placebos.Count);
        Assert.Equal(date.AddDays(-56), r.Placebos[0].Date);
        Assert.Equal(date.AddDays(-7 * 52), r.Placebos[^1].Date);
        Assert.Equal(13, r.Of);
        // The fall to about 30 % is far beyond the wobble: rank 1, p = 1/13.
        Assert.True(real.LevelRatio < 0.4, real.ToString());
        Assert.Equal(1, r.Rank);
        Assert.Equal(1.0 / 13, r.P, 12);
        Assert.All(r.Placebos, p => Assert.InRange(p.LevelRatio, 0.5, 2));
    }

    [Fact]
    public void In_the_other_direction_the_same_fall_ranks_last()
    {
        var (weeks, counts, date) = Fall();
        var real = InterruptedTimeSeries.Estimate(weeks, counts, date)!;
        var r = PlaceboInTime.Run(weeks, counts, date, real, PlaceboDirection.Increase)!;
        // Every placebo rises more than a fall to 30 %: all 12 count against it.
        Assert.Equal(13, r.Rank);
        Assert.Equal(1.0, r.P, 12);
    }

    [Fact]
    public void Ties_count_against_the_real_estimate()
    {
        // A constant series: every fit gives a level ratio of exactly 1 (to rounding), so the real estimate ties with all.
        var weeks = Enumerable.Range(0, 70).Select(i => First.AddDays(7 * i)).ToArray();
        var counts = Enumerable.Repeat(20, 70).ToArray();
        var date = First.AddDays(7 * 40).ToDateTime(TimeOnly.MinValue);
        var real = InterruptedTimeSeries.Estimate(weeks, counts, date)! with { LevelRatio = 1 };
        var r = PlaceboInTime.Run(weeks, counts, date, real, PlaceboDirection.Decrease)!;
        Assert.True(r.Rank > 1);
    }
}

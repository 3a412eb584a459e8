using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Tests.Hotspots;

public class EmergingHotspotsTests
{
    // z = 3 -> p = 0.0027 (significant), z = 0 -> p = 1; series of ten periods unless stated.
    private static GiStarValue[] Series(params double[] z) =>
        z.Select(v => new GiStarValue(v, Normal.TwoSidedP(v), null, 0, 1, null)).ToArray();

    private static EmergingCategory Category(params double[] z) => EmergingHotspots.Classify(Series(z)).Category;

    [Fact]
    public void New_hot() => Assert.Equal(EmergingCategory.NewHot, Category(0, 0, 0, 0, 0, 0, 0, 0, 0, 3));

    [Fact]
    public void Consecutive_hot() => Assert.Equal(EmergingCategory.ConsecutiveHot, Category(0, 0, 0, 0, 0, 0, 0, 3, 3, 3));

    [Fact]
    public void Intensifying_hot()
    {
        // Rising z from 2.0 to 3.8 in every period: S = 45, p < 0.05.
        var result = EmergingHotspots.Classify(Series(2.0, 2.2, 2.4, 2.6, 2.8, 3.0, 3.2, 3.4, 3.6, 3.8));
        Assert.Equal(EmergingCategory.IntensifyingHot, result.Category);
        Assert.Equal(45, result.Trend.S);
    }

    [Fact]
    public void Diminishing_hot() => Assert.Equal(EmergingCategory.DiminishingHot, Category(3.8, 3.6, 3.4, 3.2, 3.0, 2.8, 2.6, 2.4, 2.2, 2.0));

    [Fact]
    public void Persistent_hot_with_no_trend() => Assert.Equal(EmergingCategory.PersistentHot, Category(2.5, 3, 2.5, 3, 2.5, 3, 2.5, 3, 2.5, 3));

    [Fact]
    public void Nine_of_ten_hot_including_the_last_is_persistent()
    {
        // MK of 0, 3 × 9: S = 9, Var = (2250 − 9·8·23)/18 = 33, Z = 8/√33 = 1.39, p = 0.16: no trend.
        Assert.Equal(EmergingCategory.PersistentHot, Category(0, 3, 3, 3, 3, 3, 3, 3, 3, 3));
    }

    [Fact]
    public void Sporadic_hot() => Assert.Equal(EmergingCategory.SporadicHot, Category(3, 0, 3, 0, 0, 3, 0, 0, 0, 3));

    [Fact]
    public void Oscillating_hot() => Assert.Equal(EmergingCategory.OscillatingHot, Category(-3, 0, 0, 3, 0, 0, 0, 0, 0, 3));

    [Fact]
    public void First_hot_after_a_cold_history_is_oscillating_not_new() =>
        Assert.Equal(EmergingCategory.OscillatingHot, Category(-3, 0, 0, 0, 0, 0, 0, 0, 0, 3));

    [Fact]
    public void Historical_hot() => Assert.Equal(EmergingCategory.HistoricalHot, Category(3, 3, 3, 3, 3, 3, 3, 3, 3, 0));

    [Fact]
    public void Cold_mirror_images()
    {
        Assert.Equal(EmergingCategory.NewCold, Category(0, 0, 0, 0, 0, 0, 0, 0, 0, -3));
        Assert.Equal(EmergingCategory.ConsecutiveCold, Category(0, 0, 0, 0, 0, 0, 0, 0, -3, -3));
        // Getting colder (z falling) is intensifying for a cold spot.
        Assert.Equal(EmergingCategory.IntensifyingCold, Category(-2.0, -2.2, -2.4, -2.6, -2.8, -3.0, -3.2, -3.4, -3.6, -3.8));
        Assert.Equal(EmergingCategory.DiminishingCold, Category(-3.8, -3.6, -3.4, -3.2, -3.0, -2.8, -2.6, -2.4, -2.2, -2.0));
        Assert.Equal(EmergingCategory.PersistentCold, Category(-3, -3, -3, -3, -3, -3, -3, -3, -3, -3));
        Assert.Equal(EmergingCategory.SporadicCold, Category(-3, 0, 0, -3, 0, 0, 0, 0, 0, -3));
        Assert.Equal(EmergingCategory.OscillatingCold, Category(3, 0, 0, 0, 0, 0, 0, 0, -3, 0, -3));
        Assert.Equal(EmergingCategory.HistoricalCold, Category(-3, -3, -3, -3, -3, -3, -3, -3, -3, 0));
    }

    [Fact]
    public void Nothing_significant_is_none() => Assert.Equal(EmergingCategory.None, Category(0.5, -0.3, 1, 0, 0, 0, 0, 0, 0, 1.2));

    [Fact]
    public void Hot_earlier_but_not_at_the_end_and_not_mostly_is_none() =>
        Assert.Equal(EmergingCategory.None, Category(3, 3, 3, 0, 0, 0, 0, 0, 0, 0));

    [Fact]
    public void Adjusted_p_decides_significance_when_present()
    {
        var series = Series(0, 0, 0, 3);
        series[3] = series[3] with { AdjustedP = 0.2 };
        Assert.Equal(EmergingCategory.None, EmergingHotspots.Classify(series).Category);
    }

    [Fact]
    public void Empty_series_is_none() => Assert.Equal(EmergingCategory.None, EmergingHotspots.Classify([]).Category);

    [Fact]
    public void Analyse_runs_gi_star_per_period_and_notes_short_series()
    {
        // 7×7 square cells; the centre's count grows over four periods (1, 11, 21, 31) while the rest stay at 1,
        // so period 1 has all values equal (Gi* undefined, noted) and periods 2-4 make the centre hot.
        var locations = (from i in Enumerable.Range(0, 7) from j in Enumerable.Range(0, 7) select new PlanarPoint(i * 100, j * 100)).ToArray();
        int centre = 3 * 7 + 3;
        var periods = Enumerable.Range(0, 4).Select(t =>
            (IReadOnlyList<double>)locations.Select((_, i) => i == centre ? 1 + 10.0 * t : 1.0).ToArray()).ToArray();
        var analysis = EmergingHotspots.Analyse(locations, periods, Neighbourhood.Band(150), timeLag: 0);
        Assert.Contains("4 periods", analysis.Note);
        Assert.Contains("Period 1: All values are equal", analysis.Note);
        Assert.Equal(EmergingCategory.ConsecutiveHot, analysis.Cells[centre].Result.Category);
        Assert.All(analysis.Cells, c => Assert.All(c.GiStar, g => Assert.True(double.IsFinite(g.Z))));
    }
}

using SceneMonitor.Analysis.Sppt;
using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Tests.Sppt;

public class SpptProportionDifferenceTests
{
    // Three units, 100 points per period: base 30/50/20, test 50/40/10.
    private static readonly SpptCounts Counts = new(["A", "B", "C"], [30, 50, 20], [50, 40, 10]);

    [Fact]
    public void Chi_square_n_minus_1_p_values()
    {
        // Hand computation (Python math.erfc; P(χ²₁ > q) = erfc(√(q/2)), what R's pchisq(q, 1, lower.tail = FALSE) gives):
        // unit A: a=30 b=70 c=50 d=50, N=200: χ² = 200·(1500 − 3500)²/(100·100·80·120) = 8.3333,
        //         ·199/200 = 8.291667 -> p = 0.003982741845943583
        // unit B: χ² = 2.0202020202, p = 0.15625491422493656; unit C: χ² = 3.9215686275, p = 0.04822978725385679
        var r = SpptProportionDifference.Run(Counts);
        Assert.Equal(0.003982741845943583, r.Units[0].P!.Value, 1e-12);
        Assert.Equal(0.15625491422493656, r.Units[1].P!.Value, 1e-12);
        Assert.Equal(0.04822978725385679, r.Units[2].P!.Value, 1e-12);
    }

    [Fact]
    public void Without_adjustment_a_rises_and_c_falls()
    {
        var r = SpptProportionDifference.Run(Counts, PAdjustMethod.None);
        Assert.Equal([1, 0, -1], r.Units.Select(u => u.SIndex));
        Assert.Equal(1.0 / 3, r.GlobalS!.Value, 1e-12);
        Assert.Equal(1.0 / 3, r.RobustS!.Value, 1e-12);
        Assert.Equal(30, r.Units[0].BasePercent!.Value, 1e-12);
        Assert.Equal(50, r.Units[0].TestPercent!.Value, 1e-12);
    }

    [Fact]
    public void Benjamini_hochberg_keeps_only_unit_a()
    {
        // BH: 0.003983·3/1 = 0.011948 (A), 0.048230·3/2 = 0.072345 (C), 0.156255 (B): only A < 0.05.
        var r = SpptProportionDifference.Run(Counts, PAdjustMethod.BenjaminiHochberg);
        Assert.Equal([1, 0, 0], r.Units.Select(u => u.SIndex));
        Assert.Equal(0.003982741845943583 * 3, r.Units[0].AdjustedP!.Value, 1e-12);
        Assert.Equal(0.04822978725385679 * 1.5, r.Units[2].AdjustedP!.Value, 1e-12);
        Assert.Equal(2.0 / 3, r.GlobalS!.Value, 1e-12);
    }

    [Fact]
    public void Benjamini_yekutieli_is_stricter()
    {
        // BY multiplies by 1 + 1/2 + 1/3 = 11/6: A becomes 0.011948·11/6 = 0.0219, still < 0.05.
        var r = SpptProportionDifference.Run(Counts, PAdjustMethod.BenjaminiYekutieli);
        Assert.Equal(0.003982741845943583 * 3 * 11 / 6, r.Units[0].AdjustedP!.Value, 1e-12);
        Assert.Equal([1, 0, 0], r.Units.Select(u => u.SIndex));
    }

    [Fact]
    public void Pattern_against_itself_is_fully_similar()
    {
        var counts = new SpptCounts(["A", "B", "C", "D"], [5, 0, 12, 3], [5, 0, 12, 3]);
        var r = SpptProportionDifference.Run(counts, PAdjustMethod.None);
        Assert.Equal(1, r.GlobalS);
        Assert.Equal(1, r.RobustS);
    }

    [Fact]
    public void Unit_empty_in_both_periods_has_no_p_and_is_left_out_of_robust_s()
    {
        var counts = new SpptCounts(["A", "B", "Empty"], [10, 90, 0], [60, 40, 0]);
        var r = SpptProportionDifference.Run(counts, PAdjustMethod.BenjaminiHochberg);
        Assert.Null(r.Units[2].P);
        Assert.Null(r.Units[2].AdjustedP);
        Assert.Equal(0, r.Units[2].SIndex);
        // A and B both differ; with 2 tested units BH has m = 2 (the empty unit does not count).
        Assert.Equal(1.0 / 3, r.GlobalS!.Value, 1e-12);
        Assert.Equal(0, r.RobustS!.Value, 1e-12);
    }

    [Fact]
    public void Empty_period_gives_a_note_and_no_differences()
    {
        var r = SpptProportionDifference.Run(new SpptCounts(["A", "B"], [3, 4], [0, 0]));
        Assert.NotNull(r.Note);
        Assert.All(r.Units, u => { Assert.Null(u.P); Assert.Null(u.TestPercent); Assert.Equal(0, u.SIndex); });
    }

    [Fact]
    public void No_units_gives_a_note()
    {
        var r = SpptProportionDifference.Run(new SpptCounts([], [], []));
        Assert.Null(r.GlobalS);
        Assert.NotNull(r.Note);
    }
}

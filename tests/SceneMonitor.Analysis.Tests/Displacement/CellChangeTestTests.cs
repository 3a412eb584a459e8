using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Tests.Displacement;

public class CellChangeTestTests
{
    // A station-like cell falling 931 → 305, cells rising as Lemonnier (205 → 515) and others; one empty cell.
    private static readonly double[] Before = [931, 205, 120, 40, 10, 0, 3, 60, 0];
    private static readonly double[] After = [305, 515, 310, 38, 12, 0, 9, 20, 2];

    [Fact]
    public void P_values_match_R_binom_test_and_p_adjust_BY()
    {
        // R: p0 = sum(after)/sum(before + after); binom.test(after, before + after, p0)$p.value over the
        // cells with n > 0, then p.adjust(p, "BY") (docs/checks/change_and_permutation.R).
        var r = CellChangeTest.Run(Before, After);
        Assert.Equal(0.46937984496124, r.ExpectedShare!.Value, 1e-12);
        double[] p = [2.414271984e-58, 1.226708446e-40, 4.473258826e-26, 0.8207252043, 0.5259684808, double.NaN, 0.07917717173, 7.093813195e-05, 0.2203174389];
        double[] by = [5.249317085e-57, 1.333607325e-39, 3.242047587e-25, 1, 1, double.NaN, 0.3443075868, 0.0003855994172, 0.7983884332];
        for (int i = 0; i < p.Length; i++)
        {
            if (double.IsNaN(p[i]))
            {
                Assert.Null(r.Cells[i].P); // empty in both periods: nothing to test, not counted in m
                continue;
            }
            Assert.Equal(1, r.Cells[i].P!.Value / p[i], 1e-8);
            Assert.Equal(1, r.Cells[i].AdjustedP!.Value / by[i], 1e-8);
        }
    }

    [Fact]
    public void Classes_follow_the_adjusted_p_and_the_direction()
    {
        var r = CellChangeTest.Run(Before, After);
        Assert.Equal(
            [CellChangeClass.Decrease, CellChangeClass.Increase, CellChangeClass.Increase, CellChangeClass.None, CellChangeClass.None,
             CellChangeClass.None, CellChangeClass.None, CellChangeClass.Decrease, CellChangeClass.None],
            r.Cells.Select(c => c.Change));
        Assert.Equal((2, 2, 5), (r.Increase, r.Decrease, r.None));
        Assert.Equal(PAdjustMethod.BenjaminiYekutieli, r.Adjustment);
        // 60 → 20 is a decrease although small: its share fell from 60/80 to 20/80 against p0 = 0.47 (BY p 0.000386);
        // 3 → 9 triples but on 12 observations (raw p 0.079, BY 0.344): no significant change.
    }

    [Fact]
    public void No_points_gives_no_share_and_no_change()
    {
        var r = CellChangeTest.Run([0, 0], [0, 0]);
        Assert.Null(r.ExpectedShare);
        Assert.All(r.Cells, c => Assert.Equal(CellChangeClass.None, c.Change));
    }
}

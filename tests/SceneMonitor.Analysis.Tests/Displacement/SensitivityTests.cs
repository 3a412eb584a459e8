using SceneMonitor.Analysis.Displacement;

namespace SceneMonitor.Analysis.Tests.Displacement;

public class SensitivityTests
{
    // Target 100→50 (10 000 m²); band 0–250 m 20→40 (30 000 m²); band 250–500 m 10→30 (50 000 m²), of
    // which 5→10 (20 000 m²) lie in the chosen control; region 1130→1090 (1 090 000 m², everything in
    // it); chosen control beyond 250 m 50→60 (100 000 m²).
    private static CatchmentBands Bands() => new(
    [
        new CatchmentBand(0, 0, new(100, 50), 10_000, new(100, 50), 10_000, new(0, 0), 0),
        new CatchmentBand(0, 250, new(20, 40), 30_000, new(20, 40), 30_000, new(0, 0), 0),
        new CatchmentBand(250, 500, new(10, 30), 50_000, new(10, 30), 50_000, new(5, 10), 20_000),
    ], new BeforeAfter(1130, 1090), 1_090_000, new ChosenControl(new(50, 60), 100_000, 250)) { Widths = [250, 500] };

    [Fact]
    public void Rows_follow_from_the_band_counts()
    {
        var result = Sensitivity.Compute(Bands());
        Assert.Equal([(250.0, "region-beyond"), (250.0, "chosen"), (500.0, "region-beyond"), (500.0, "chosen")],
            result.Rows.Select(r => (r.BufferWidth, r.Control)));

        // Expected values: docs/checks/sensitivity_check.py (the formulas written out independently).
        var wide = result.Rows[2];
        Assert.Equal(new BeforeAfter(30, 70), wide.Buffer);
        Assert.Equal(new BeforeAfter(1000, 970), wide.ControlCounts); // 1130 − 100 − 30, 1090 − 50 − 70 (hand)
        Assert.Equal(-0.8702127659574466, wide.Wdq.Wdq!.Value, 1e-12);
        Assert.Equal(6.1, wide.Wdq.TotalNetEffect!.Value, 1e-9);
        Assert.Equal(-7.3, wide.Wdd.Total, 1e-9);     // hand: (−50 + 0.3) + (40 + 2.4)
        Assert.Equal(265.957, wide.Wdd.Variance, 1e-9); // hand: 150 + 100 + 0.09²·1970
        Assert.Equal(WddChange.None, wide.Change);

        var narrow = result.Rows[0];
        Assert.Equal(new BeforeAfter(1010, 1000), narrow.ControlCounts);
        Assert.Equal(-0.4121212121212121, narrow.Wdq.Wdq!.Value, 1e-12);
        Assert.Equal(28.811881188118814, narrow.Wdq.TotalNetEffect!.Value, 1e-9);
        Assert.Equal(-29.61904761904762, narrow.Wdd.Total, 1e-9);
        Assert.Equal(-1.0198882982196054, narrow.Wdd.CiHigh, 1e-9);
        Assert.Equal(WddChange.Decrease, narrow.Change);

        // The chosen control loses its part inside a 500 m buffer: 50→60 less 5→10.
        Assert.Equal(new BeforeAfter(50, 60), result.Rows[1].ControlCounts);
        Assert.Equal(new BeforeAfter(45, 50), result.Rows[3].ControlCounts);
        Assert.Equal(-0.6, result.Rows[3].Wdq.Wdq!.Value, 1e-12);
        Assert.Equal(-15.625, result.Rows[3].Wdd.Total, 1e-9);
        Assert.Equal(370.234375, result.Rows[3].Wdd.Variance, 1e-9);
    }

    [Fact]
    public void Holds_only_when_every_row_reads_the_same()
    {
        var result = Sensitivity.Compute(Bands());
        // All four WDQ are "displacement smaller than the gain", but the WDD is significant for 250 m only.
        Assert.All(result.Rows, r => Assert.Equal(WdqInterpretation.DisplacementSmallerThanDirectEffect, r.Wdq.InterpretationCode));
        Assert.False(result.Holds);
        Assert.Contains("depends on the buffer width", result.Note);

        var one = Sensitivity.Compute(Bands() with { Chosen = null, Widths = [500] });
        Assert.True(one.Holds);
        Assert.Contains("same for every buffer width", one.Note);
    }

    [Fact]
    public void A_width_without_a_band_edge_is_refused() =>
        Assert.Throws<ArgumentException>(() => Sensitivity.Compute(Bands() with { Widths = [300] }));
}

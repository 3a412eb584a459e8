using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Tests.Statistics;

public class MannKendallTests
{
    [Fact]
    public void Design_check_values()
    {
        // docs/methods.md, "Mann–Kendall": S = 37, Var = 125, Z = 3.219938, p = 0.001282; tau = 37/45 (no ties).
        var r = MannKendall.Test([0.5, 1.2, 0.8, 1.9, 2.3, 2.1, 2.8, 3.0, 2.7, 3.5]);
        Assert.Equal(37, r.S);
        Assert.Equal(125, r.Variance, 1e-12);
        Assert.Equal(3.219938, r.Z, 1e-6);
        Assert.Equal(0.001282, r.P, 1e-6);
        Assert.Equal(37.0 / 45, r.Tau, 1e-12);
        Assert.Null(r.Note);
    }

    [Fact]
    public void Ties_correction()
    {
        // Hand computation for 1, 2, 2, 3: S = 5 (one tied pair scores 0);
        // Var = [4·3·13 − 2·1·9]/18 = 138/18; Z = (5 − 1)/√(138/18) = 1.4446302370292303;
        // tau-b = 5/√((6 − 1)·6) = 0.9128709291752769.
        var r = MannKendall.Test([1, 2, 2, 3]);
        Assert.Equal(5, r.S);
        Assert.Equal(138.0 / 18, r.Variance, 1e-12);
        Assert.Equal(1.4446302370292303, r.Z, 1e-12);
        Assert.Equal(0.9128709291752769, r.Tau, 1e-12);
    }

    [Fact]
    public void Decreasing_series_has_negative_s_and_tau()
    {
        var r = MannKendall.Test([5, 4, 3, 2, 1]);
        Assert.Equal(-10, r.S);
        Assert.Equal(-1, r.Tau, 1e-12);
        Assert.True(r.Z < 0);
    }

    [Fact]
    public void All_equal_values_give_no_trend_with_a_note()
    {
        var r = MannKendall.Test([2, 2, 2, 2]);
        Assert.Equal(0, r.Z);
        Assert.Equal(1, r.P);
        Assert.Equal(0, r.Tau);
        Assert.NotNull(r.Note);
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 3.0 })]
    public void Too_short_series_give_a_note(double[] series)
    {
        var r = MannKendall.Test(series);
        Assert.Equal(1, r.P);
        Assert.NotNull(r.Note);
    }

    [Fact]
    public void Two_values_have_zero_z_after_continuity_correction()
    {
        // S = 1, Var = 2·1·9/18 = 1, Z = (1 − 1)/1 = 0.
        var r = MannKendall.Test([1, 2]);
        Assert.Equal(1, r.S);
        Assert.Equal(0, r.Z);
        Assert.Equal(1, r.P, 1e-15);
    }
}

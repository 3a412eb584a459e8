using SceneMonitor.Analysis.SceneSize;

namespace SceneMonitor.Analysis.Tests.SceneSize;

/// <summary>Every expected value is printed by docs/checks/multiplier.py (scipy's Wilson interval
/// for the single estimates; the DerSimonian–Laird formulas, also checked against R metafor, for the
/// combinations). Examples A–D are named as in that script.</summary>
public class MultiplierMethodTests
{
    [Theory]
    [InlineData(600, 200, 50, 2400, 1908.755244, 3075.634779, false)] // A
    [InlineData(400, 150, 30, 2000, 1475.245396, 2780.851858, false)] // B
    [InlineData(120, 80, 6, 1600, 778.613255, 3445.775764, true)]     // C: m < 10
    [InlineData(900, 100, 15, 6000, 3865.388350, 9671.195178, false)] // D
    public void Estimate_and_interval_match_scipy_wilson(int b, int n, int m, double estimate, double low, double high, bool unreliable)
    {
        var e = MultiplierMethod.Estimate(b, n, m);
        Assert.Equal(estimate, e.Estimate, 1e-9);
        Assert.Equal(low, e.Low, 1e-5);
        Assert.Equal(high, e.High, 1e-5);
        Assert.Equal(unreliable, e.Unreliable);
    }

    [Fact]
    public void Ten_in_the_register_is_reliable_nine_is_not()
    {
        Assert.False(MultiplierMethod.Estimate(100, 50, 10).Unreliable);
        Assert.True(MultiplierMethod.Estimate(100, 50, 9).Unreliable);
    }

    [Fact]
    public void Everyone_in_the_register_gives_the_benchmark_as_lower_bound()
    {
        // m = n: p_high = 1 exactly, so the population is at least the register itself.
        var e = MultiplierMethod.Estimate(300, 40, 40);
        Assert.Equal(300, e.Estimate);
        Assert.Equal(300, e.Low);
        Assert.True(e.High > 300);
    }

    [Theory]
    [InlineData(100, 50, 0)]
    [InlineData(100, 50, 51)]
    [InlineData(0, 50, 10)]
    public void Impossible_inputs_throw(int b, int n, int m) =>
        Assert.Throws<ArgumentException>(() => MultiplierMethod.Estimate(b, n, m));

    [Fact]
    public void Agreeing_estimates_pool_to_the_inverse_variance_mean()
    {
        var c = EstimateCombination.Combine([MultiplierMethod.Estimate(600, 200, 50), MultiplierMethod.Estimate(400, 150, 30)]);
        Assert.Equal(2246.893620, c.Estimate, 1e-5);
        Assert.Equal(1856.990722, c.Low, 1e-5);
        Assert.Equal(2718.662447, c.High, 1e-5);
        Assert.Equal(0, c.Heterogeneity);
        Assert.Equal(2, c.Used);
        Assert.False(c.Unreliable);
        Assert.Equal((2000, 2400), (c.Minimum, c.Maximum));
    }

    [Fact]
    public void Disagreeing_estimates_widen_the_interval()
    {
        var c = EstimateCombination.Combine([MultiplierMethod.Estimate(600, 200, 50), MultiplierMethod.Estimate(900, 100, 15)]);
        Assert.Equal(3712.956201, c.Estimate, 1e-5);
        Assert.Equal(1514.212881, c.Low, 1e-5);
        Assert.Equal(9104.429057, c.High, 1e-5);
        Assert.Equal(0.917166, c.Heterogeneity, 1e-6);
    }

    [Fact]
    public void Unreliable_estimates_are_left_out_when_a_reliable_one_exists()
    {
        var withC = EstimateCombination.Combine([MultiplierMethod.Estimate(600, 200, 50), MultiplierMethod.Estimate(400, 150, 30), MultiplierMethod.Estimate(120, 80, 6)]);
        Assert.Equal(2246.893620, withC.Estimate, 1e-5);
        Assert.Equal(2, withC.Used);

        var onlyUnreliable = EstimateCombination.Combine([MultiplierMethod.Estimate(120, 80, 6)]);
        Assert.True(onlyUnreliable.Unreliable);
        Assert.Equal((1600, 778.613255, 3445.775764), (onlyUnreliable.Estimate, Math.Round(onlyUnreliable.Low, 6), Math.Round(onlyUnreliable.High, 6)));
    }
}

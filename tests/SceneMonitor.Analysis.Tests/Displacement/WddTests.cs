using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Tests.Displacement;

public class WddTests
{
    [Fact]
    public void Hand_computation_with_displacement()
    {
        // T 100→60, C 100→90, D 50→55, DC 40→40:
        // local = (60 − 100) − (90 − 100) = −30; displacement = (55 − 50) − 0 = 5; total = −25;
        // Var = 100 + 60 + 100 + 90 + 50 + 55 + 40 + 40 = 535.
        var r = Wdd.Compute(new(100, 60), new(100, 90), new(50, 55), new(40, 40));
        Assert.Equal(-30, r.Local);
        Assert.Equal(5, r.Displacement);
        Assert.Equal(-25, r.Total);
        Assert.Equal(535, r.Variance);
        Assert.Equal(Math.Sqrt(535), r.Se, 1e-12);
        Assert.Equal(-25 / Math.Sqrt(535), r.Z!.Value, 1e-12);
        Assert.Equal(-25 - 1.959963984540054 * Math.Sqrt(535), r.CiLow, 1e-9);
        Assert.Equal(-25 + 1.959963984540054 * Math.Sqrt(535), r.CiHigh, 1e-9);
        Assert.Equal(Normal.TwoSidedP(r.Z!.Value), r.P!.Value, 1e-15);
        Assert.Null(r.Note);
    }

    [Fact]
    public void Without_displacement_only_local_counts_enter()
    {
        var r = Wdd.Compute(new(10, 5), new(10, 10));
        Assert.Equal(-5, r.Total);
        Assert.Equal(0, r.Displacement);
        Assert.Equal(35, r.Variance);
    }

    [Fact]
    public void Area_weight_scales_count_and_squares_into_the_variance()
    {
        // Control twice the target's size -> weight 0.5: C 20→20 enters as 10→10, variance 0.25·40 = 10.
        var r = Wdd.Compute(new(10, 20), new(20, 20), weights: new WddWeights(Control: 0.5));
        Assert.Equal(10, r.Local, 1e-12);
        Assert.Equal(10 + 20 + 10, r.Variance, 1e-12);
    }

    [Fact]
    public void Time_weight_scales_a_period()
    {
        // After period half as long: After = 2. T 10→5 -> 10 → 10 (no change), variance 10 + 4·5 = 30.
        var r = Wdd.Compute(new(10, 5), new(0, 0), weights: new WddWeights(After: 2));
        Assert.Equal(0, r.Local, 1e-12);
        Assert.Equal(30, r.Variance, 1e-12);
    }

    [Fact]
    public void All_zero_counts_have_no_z_and_a_note()
    {
        var r = Wdd.Compute(new(0, 0), new(0, 0), new(0, 0), new(0, 0));
        Assert.Null(r.Z);
        Assert.Null(r.P);
        Assert.Equal(0, r.Se);
        Assert.Contains("variance is zero", r.Note);
    }

    [Fact]
    public void Empty_target_gets_a_warning_even_when_significant()
    {
        // T 0→0, buffer 10→10, control 1000→2000 with weights 0.01 each (hand):
        // local = −0.01·1000 = −10, displacement = 0 − 10 = −10, total −20,
        // Var = 0 + 20 + (0.02)²·3000 = 21.2, z = −20/√21.2 = −4.34: "significant" without a target.
        var r = Wdd.SharedControl(new(0, 0), new(10, 10), new(1000, 2000), 0.01, 0.01);
        Assert.Equal(-20, r.Total, 1e-9);
        Assert.Equal(21.2, r.Variance, 1e-9);
        Assert.True(r.CiHigh < 0);
        Assert.Contains("no events in either period", r.Note);
        Assert.Contains("no events in either period", Wdd.Compute(new(0, 0), new(10, 20)).Note);
        Assert.Null(Wdd.SharedControl(new(1, 0), null, new(10, 10), 1, 1).Note);
    }

    [Fact]
    public void Displacement_without_its_control_is_noted()
    {
        var r = Wdd.Compute(new(10, 5), new(10, 10), new(5, 8));
        Assert.Equal(3, r.Displacement);
        Assert.Contains("No displacement control", r.Note);
    }

    [Fact]
    public void Misuse_throws()
    {
        Assert.Throws<ArgumentException>(() => Wdd.Compute(new(-1, 0), new(0, 0)));
        Assert.Throws<ArgumentException>(() => Wdd.Compute(new(1, 0), new(0, 0), weights: new WddWeights(Treated: 0)));
    }
}

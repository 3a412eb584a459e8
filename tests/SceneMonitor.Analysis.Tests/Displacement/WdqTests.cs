using SceneMonitor.Analysis.Displacement;

namespace SceneMonitor.Analysis.Tests.Displacement;

public class WdqTests
{
    private static WdqResult Run(double rb, double ra, double db, double da, double cb, double ca) =>
        Wdq.Compute(new BeforeAfter(rb, ra), new BeforeAfter(db, da), new BeforeAfter(cb, ca));

    [Fact]
    public void Design_check_values()
    {
        // docs/methods.md, "WDQ" (specification example): R 100→50, D 100→150, C 100→100 -> SM −0.5, BDM 0.5, WDQ −1, TNE 0.
        // GE = 100·(100/100) − 50 = 50 prevented in the target, all of it displaced: NE = TNE = 0.
        var r = Run(100, 50, 100, 150, 100, 100);
        Assert.Equal(-0.5, r.SuccessMeasure!.Value, 1e-12);
        Assert.Equal(0.5, r.BufferDisplacementMeasure!.Value, 1e-12);
        Assert.Equal(-1, r.Wdq!.Value, 1e-12);
        Assert.Equal(0, r.TotalNetEffect!.Value, 1e-12);
        Assert.Equal(50, r.GrossEffect!.Value, 1e-12);
        Assert.Equal(0, r.NetEffect!.Value, 1e-12);
        Assert.Equal(WdqInterpretation.DisplacementEqualsDirectEffect, r.InterpretationCode);
        Assert.Null(r.Reason);
    }

    [Fact]
    public void Diffusion_of_benefits_hand_computation()
    {
        // R 100→60, D 50→40, C 200→200: SM = 0.3 − 0.5 = −0.2, BDM = 0.2 − 0.25 = −0.05, WDQ = 0.25;
        // GE = 100 − 60 = 40, TNE = 40 + (50 − 40) = 50.
        var r = Run(100, 60, 50, 40, 200, 200);
        Assert.Equal(-0.2, r.SuccessMeasure!.Value, 1e-12);
        Assert.Equal(-0.05, r.BufferDisplacementMeasure!.Value, 1e-12);
        Assert.Equal(0.25, r.Wdq!.Value, 1e-12);
        Assert.Equal(40, r.GrossEffect!.Value, 1e-12);
        Assert.Equal(50, r.TotalNetEffect!.Value, 1e-12);
        Assert.Equal(WdqInterpretation.DiffusionOfBenefits, r.InterpretationCode);
    }

    [Fact]
    public void Control_trend_scales_the_expected_counts()
    {
        // C halves: the target was expected to fall to 50 anyway; R 100→40: SM = 0.8 − 1 = −0.2, GE = 50 − 40 = 10.
        var r = Run(100, 40, 10, 5, 100, 50);
        Assert.Equal(-0.2, r.SuccessMeasure!.Value, 1e-12);
        Assert.Equal(10, r.GrossEffect!.Value, 1e-12);
        Assert.Equal(0, r.BufferDisplacementMeasure!.Value, 1e-12);
        Assert.Equal(WdqInterpretation.NoDisplacementOrDiffusion, r.InterpretationCode);
    }

    // R 100→50 and C 100→100 throughout (SM = −0.5); only the buffer's after count changes.
    [Theory]
    [InlineData(110, -0.2, WdqInterpretation.DisplacementSmallerThanDirectEffect)]
    [InlineData(200, -2.0, WdqInterpretation.DisplacementExceedsDirectEffect)]
    [InlineData(20, 1.6, WdqInterpretation.DiffusionGreaterThanDirectEffect)]
    [InlineData(100, 0.0, WdqInterpretation.NoDisplacementOrDiffusion)]
    public void Interpretation_bands(double bufferAfter, double wdq, WdqInterpretation code)
    {
        var r = Run(100, 50, 100, bufferAfter, 100, 100);
        Assert.Equal(wdq, r.Wdq!.Value, 1e-12);
        Assert.Equal(code, r.InterpretationCode);
        Assert.Equal(WdqText.English(code), r.Interpretation);
    }

    [Fact]
    public void Target_getting_worse_is_computed_but_not_interpreted()
    {
        var r = Run(50, 100, 100, 150, 100, 100);
        Assert.Equal(0.5, r.SuccessMeasure!.Value, 1e-12);
        Assert.Equal(1, r.Wdq!.Value, 1e-12);
        Assert.Equal(WdqInterpretation.NoSuccessInTarget, r.InterpretationCode);
    }

    [Fact]
    public void Zero_success_measure_makes_wdq_undefined_with_a_reason()
    {
        var r = Run(100, 100, 100, 150, 100, 100);
        Assert.Null(r.Wdq);
        Assert.Equal(0, r.SuccessMeasure!.Value, 1e-12);
        Assert.Equal(WdqInterpretation.ZeroSuccessMeasure, r.InterpretationCode);
        Assert.Contains("success measure is zero", r.Reason);
    }

    [Fact]
    public void Empty_target_is_told_apart_from_a_zero_control()
    {
        // Target 0 → 0 with a control 100 → 100: SM = 0/100 − 0/100 = 0 (hand), the control is fine.
        var r = Run(0, 0, 10, 20, 100, 100);
        Assert.Null(r.Wdq);
        Assert.Equal(WdqInterpretation.NoTargetEvents, r.InterpretationCode);
        Assert.Contains("no events", r.Reason);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(100, 0)]
    public void Zero_control_count_makes_everything_undefined(double cb, double ca)
    {
        var r = Run(100, 50, 100, 150, cb, ca);
        Assert.Null(r.SuccessMeasure);
        Assert.Null(r.Wdq);
        Assert.Null(r.TotalNetEffect);
        Assert.Contains("control count is zero", r.Reason);
    }

    [Fact]
    public void Rings_each_get_their_own_wdq_and_the_sum_is_the_whole_buffer()
    {
        // Target R 100→50, C 100→100. Inner ring 60→90 (displacement), outer ring 40→40 (no change).
        var result = Wdq.ComputeRings(new BeforeAfter(100, 50), [new BeforeAfter(60, 90), new BeforeAfter(40, 40)], new BeforeAfter(100, 100));
        Assert.Equal(-0.6, result.Rings[0].Wdq!.Value, 1e-12);
        Assert.Equal(0, result.Rings[1].Wdq!.Value, 1e-12);
        Assert.Equal(-0.6, result.AllRings.Wdq!.Value, 1e-12); // whole buffer 100 → 130
        Assert.Equal(20, result.AllRings.TotalNetEffect!.Value, 1e-12);
    }

    [Fact]
    public void Negative_counts_are_misuse() =>
        Assert.Throws<ArgumentException>(() => Run(-1, 50, 100, 150, 100, 100));
}

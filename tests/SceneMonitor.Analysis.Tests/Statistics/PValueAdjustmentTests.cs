using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Tests.Statistics;

public class PValueAdjustmentTests
{
    // Hand computation (matches R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH")):
    // sorted 0.005, 0.01, 0.03, 0.04 -> p·4/rank = 0.02, 0.02, 0.04, 0.04 -> monotone: same.
    private static readonly double[] P = [0.01, 0.04, 0.03, 0.005];

    [Fact]
    public void Benjamini_hochberg()
    {
        var adjusted = PValueAdjustment.Adjust(P, PAdjustMethod.BenjaminiHochberg);
        Assert.Equal([0.02, 0.04, 0.04, 0.02], adjusted.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Benjamini_yekutieli_multiplies_bh_by_the_harmonic_sum()
    {
        // Σ 1/i for m = 4 is 25/12.
        var adjusted = PValueAdjustment.Adjust(P, PAdjustMethod.BenjaminiYekutieli);
        double[] expected = [0.02 * 25 / 12, 0.04 * 25 / 12, 0.04 * 25 / 12, 0.02 * 25 / 12];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], adjusted[i], 1e-12);
    }

    [Fact]
    public void Monotonicity_and_cap_at_one()
    {
        // p·m/rank: 0.5·3/1 = 1.5, 0.6·3/2 = 0.9, 0.9·3/3 = 0.9 -> min from the top, capped: 0.9, 0.9, 0.9.
        var adjusted = PValueAdjustment.Adjust([0.5, 0.6, 0.9], PAdjustMethod.BenjaminiHochberg);
        Assert.All(adjusted, v => Assert.Equal(0.9, v, 1e-12));
        Assert.Equal([1.0], PValueAdjustment.Adjust([1.0], PAdjustMethod.BenjaminiYekutieli));
    }

    [Fact]
    public void Missing_values_stay_missing_and_are_not_counted()
    {
        // Like p.adjust with NA: m = 2 non-missing values.
        var adjusted = PValueAdjustment.Adjust([0.01, null, 0.04], PAdjustMethod.BenjaminiHochberg);
        Assert.Equal(0.02, adjusted[0]!.Value, 1e-12);
        Assert.Null(adjusted[1]);
        Assert.Equal(0.04, adjusted[2]!.Value, 1e-12);
    }

    [Fact]
    public void None_returns_the_input_and_empty_is_fine()
    {
        Assert.Equal(P, PValueAdjustment.Adjust(P, PAdjustMethod.None));
        Assert.Empty(PValueAdjustment.Adjust(Array.Empty<double>(), PAdjustMethod.BenjaminiHochberg));
    }
}

using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Tests.Statistics;

public class NormalTests
{
    // Expected: Python 3 math.erfc (the C library's erfc), printed with repr.
    [Theory]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.0, 0.004677734981047265)]
    [InlineData(2.4999, 0.0004071699003334514)]
    [InlineData(2.5, 0.0004069520174449589)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    [InlineData(10.0, 2.088487583762545e-45)]
    public void Erfc_matches_the_c_library_to_1e_13_relative(double x, double expected)
    {
        Assert.Equal(expected, Normal.Erfc(x), expected * 1e-13);
        Assert.Equal(2 - expected, Normal.Erfc(-x), 1e-15);
    }

    [Fact]
    public void Two_sided_five_percent_point()
    {
        Assert.Equal(0.05, Normal.TwoSidedP(Normal.Z975), 1e-14);
        Assert.Equal(0.975, Normal.Cdf(Normal.Z975), 1e-14);
        Assert.Equal(0.025, Normal.UpperTail(Normal.Z975), 1e-14);
        Assert.Equal(1.0, Normal.TwoSidedP(0), 1e-15);
    }

    [Fact]
    public void Chi_square_one_df_is_the_squared_normal()
    {
        // P(χ²₁ > 3.841458820694124) = 0.05 (the 95 % point is 1.95996²).
        Assert.Equal(0.05, Normal.ChiSquare1UpperTail(Normal.Z975 * Normal.Z975), 1e-13);
        Assert.Equal(1.0, Normal.ChiSquare1UpperTail(0));
    }
}

using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Tests.Statistics;

public class BinomialTestTests
{
    // Expected: R 4.2 binom.test(x, n, p)$p.value, printed by docs/checks/change_and_permutation.R.
    [Theory]
    [InlineData(3, 10, 0.4, 0.749177344)]
    [InlineData(7, 10, 0.4, 0.1011192832)]
    [InlineData(0, 5, 0.5, 0.0625)]
    [InlineData(12, 20, 0.3, 0.00593608419809751)]
    public void Two_sided_p_matches_R_binom_test(int x, int n, double p, double expected) =>
        Assert.Equal(expected, BinomialTest.TwoSidedP(x, n, p), 1e-9);

    [Theory]
    [InlineData(305, 1236, 0.45, 2.19263377949677e-49)]
    [InlineData(515, 720, 0.45, 8.68107839625733e-47)]
    public void Tiny_p_keeps_its_digits(int x, int n, double p, double expected) =>
        Assert.Equal(1, BinomialTest.TwoSidedP(x, n, p) / expected, 1e-9);

    [Fact]
    public void Edge_cases()
    {
        Assert.Equal(1, BinomialTest.TwoSidedP(0, 0, 0.3));
        Assert.Equal(1, BinomialTest.TwoSidedP(5, 10, 0.5)); // x equals the mean
        Assert.Equal(0, BinomialTest.TwoSidedP(1, 4, 0));
        Assert.Throws<ArgumentException>(() => BinomialTest.TwoSidedP(5, 4, 0.5));
    }
}

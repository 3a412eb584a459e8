using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace SceneMonitor.Analysis.Statistics;

/// <summary>
/// Exact two-sided binomial test of x successes in n trials against share p, as R's
/// <c>binom.test(x, n, p)$p.value</c>: the probability of every outcome no more likely than x
/// (densities compared with R's relative tolerance 1 + 1e-7), capped at 1. Densities come from
/// MathNet.Numerics; tails from the regularised incomplete beta function, so a tiny p (1e-100)
/// keeps its digits instead of becoming 1 − 1.
/// </summary>
public static class BinomialTest
{
    private const double RelativeTolerance = 1 + 1e-7;

    public static double TwoSidedP(int x, int n, double p)
    {
        if (n < 0 || x < 0 || x > n) throw new ArgumentException("Need 0 ≤ x ≤ n.", nameof(x));
        if (!(p >= 0 && p <= 1)) throw new ArgumentException("p must be in [0, 1].", nameof(p));
        if (n == 0) return 1;
        if (p == 0) return x == 0 ? 1 : 0;
        if (p == 1) return x == n ? 1 : 0;

        double d = Binomial.PMF(p, n, x) * RelativeTolerance;
        double mean = n * p;
        if (x == mean) return 1;
        double result;
        if (x < mean)
        {
            // outcomes above the mean that are no more likely than x: the upper tail from n − y + 1
            int y = 0;
            for (int i = (int)Math.Ceiling(mean); i <= n; i++) if (Binomial.PMF(p, n, i) <= d) y++;
            result = AtMost(x, n, p) + AtLeast(n - y + 1, n, p);
        }
        else
        {
            int y = 0;
            for (int i = 0; i <= (int)Math.Floor(mean); i++) if (Binomial.PMF(p, n, i) <= d) y++;
            result = AtMost(y - 1, n, p) + AtLeast(x, n, p);
        }
        return Math.Min(1, result);
    }

    /// <summary>P(X ≤ k) = I₁₋ₚ(n − k, k + 1).</summary>
    private static double AtMost(int k, int n, double p) =>
        k < 0 ? 0 : k >= n ? 1 : SpecialFunctions.BetaRegularized(n - k, k + 1, 1 - p);

    /// <summary>P(X ≥ k) = Iₚ(k, n − k + 1).</summary>
    private static double AtLeast(int k, int n, double p) =>
        k <= 0 ? 1 : k > n ? 0 : SpecialFunctions.BetaRegularized(k, n - k + 1, p);
}

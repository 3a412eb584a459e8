using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.SceneSize;

/// <summary>The Wilson score interval for a binomial proportion p = m / n (Wilson 1927), without
/// continuity correction, as scipy's <c>binomtest(m, n).proportion_ci(method="wilson")</c> gives it.
/// Chosen over the Wald interval because it stays inside [0, 1] and keeps close to its nominal
/// coverage for small n and for p near 0 or 1 (Brown, Cai &amp; DasGupta 2001), which is where
/// multiplier surveys live; and over Clopper–Pearson because it is closed form and less conservative.</summary>
public static class WilsonInterval
{
    /// <summary>The 95 % interval (low, high) for m successes in n trials.</summary>
    public static (double Low, double High) For(int m, int n)
    {
        if (n <= 0 || m < 0 || m > n) throw new ArgumentException($"need 0 <= m <= n and n > 0 (m = {m}, n = {n})");
        const double z = Normal.Z975;
        double z2 = z * z, p = (double)m / n;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // At m = 0 or m = n the bound is exactly 0 or 1; rounding must not push it past.
        return (m == 0 ? 0 : Math.Max(0, centre - half), m == n ? 1 : Math.Min(1, centre + half));
    }
}

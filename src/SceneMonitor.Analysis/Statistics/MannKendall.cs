namespace SceneMonitor.Analysis.Statistics;

/// <summary>
/// Result of the Mann–Kendall trend test. <see cref="Note"/> explains a degenerate series
/// (fewer than two values, or all values tied), for which Z = 0, p = 1 and tau = 0.
/// </summary>
public sealed record MannKendallResult(int N, double S, double Variance, double Z, double P, double Tau, string? Note);

/// <summary>
/// Mann–Kendall test for a monotonic trend (Mann 1945; Kendall 1975; docs/methods.md, "Mann–Kendall"):
/// S = Σ_{i&lt;j} sign(x_j − x_i);
/// Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)]/18 over groups of t tied values;
/// Z = (S − sign S)/√Var (continuity correction); p two-sided normal.
/// Tau is Kendall's tau-b against time, S / √[(n(n−1)/2 − Σ t(t−1)/2) · n(n−1)/2], as R's
/// Kendall::MannKendall reports it; without ties it is S / (n(n−1)/2).
/// </summary>
public static class MannKendall
{
    public static MannKendallResult Test(IReadOnlyList<double> series)
    {
        int n = series.Count;
        if (series.Any(v => double.IsNaN(v) || double.IsInfinity(v)))
            throw new ArgumentException("The series must contain finite numbers only.", nameof(series));
        if (n < 2) return new MannKendallResult(n, 0, 0, 0, 1, 0, "Mann-Kendall needs at least two values.");

        double s = 0;
        for (int i = 0; i < n - 1; i++)
        for (int j = i + 1; j < n; j++)
            s += Math.Sign(series[j] - series[i]);

        double tiesTerm = 0, tiedPairs = 0;
        foreach (var group in series.GroupBy(v => v))
        {
            double t = group.Count();
            tiesTerm += t * (t - 1) * (2 * t + 5);
            tiedPairs += t * (t - 1) / 2;
        }
        double variance = (n * (n - 1.0) * (2 * n + 5) - tiesTerm) / 18.0;
        double pairs = n * (n - 1.0) / 2;

        if (variance <= 0)
            return new MannKendallResult(n, s, 0, 0, 1, 0, "All values are equal: no trend can be tested.");

        double z = (s - Math.Sign(s)) / Math.Sqrt(variance);
        double tau = s / Math.Sqrt((pairs - tiedPairs) * pairs);
        return new MannKendallResult(n, s, variance, z, Normal.TwoSidedP(z), tau, null);
    }
}

namespace SceneMonitor.Analysis.Statistics;

/// <summary>
/// Standard normal and chi-square(1) tail probabilities from a complementary error function written
/// out here (no statistics package): a power series below x = 1.5 and a continued fraction above,
/// both accurate to about 1e-14 relative, far beyond the 1e-6 the check values need.
/// </summary>
public static class Normal
{
    /// <summary>z for a two-sided 95 % interval.</summary>
    public const double Z975 = 1.959963984540054;

    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double OneOverSqrtPi = 0.5641895835477563;

    /// <summary>Complementary error function erfc(x) = 1 − erf(x).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) throw new ArgumentException("erfc of NaN", nameof(x));
        if (x < 0) return 2.0 - Erfc(-x);
        if (x < 1.5) return 1.0 - ErfSeries(x);
        if (x > 27) return 0.0; // below the smallest double
        return ErfcContinuedFraction(x);
    }

    /// <summary>P(Z &gt; z) for a standard normal Z.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>P(Z ≤ z) for a standard normal Z.</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>Two-sided p-value P(|Z| ≥ |z|).</summary>
    public static double TwoSidedP(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>P(X &gt; q) for X chi-square with one degree of freedom (X = Z²).</summary>
    public static double ChiSquare1UpperTail(double q) => q <= 0 ? 1.0 : Erfc(Math.Sqrt(q / 2));

    // erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): all terms positive, no cancellation.
    private static double ErfSeries(double x)
    {
        double term = x, sum = x, x2 = x * x;
        for (int n = 1; n < 200 && term > sum * 1e-17; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return TwoOverSqrtPi * Math.Exp(-x2) * sum;
    }

    // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated bottom-up.
    private static double ErfcContinuedFraction(double x)
    {
        double fraction = x;
        for (int n = 120; n >= 1; n--)
            fraction = x + n / 2.0 / fraction;
        return OneOverSqrtPi * Math.Exp(-x * x) / fraction;
    }
}

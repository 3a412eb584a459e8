using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.RootFinding;

namespace SceneMonitor.Analysis.TimeSeries;

/// <summary>A fitted count regression with a log link: coefficients, their standard errors
/// (from the inverse Fisher information at the fit) and, for the negative binomial, the
/// dispersion θ (variance μ + μ²/θ; a large θ means Poisson-like counts).</summary>
public sealed record CountModelFit(
    string Model, IReadOnlyList<double> Coefficients, IReadOnlyList<double> StandardErrors, double Theta,
    double LogLikelihood, int Iterations, bool Converged, string? Note);

/// <summary>
/// Negative binomial regression (log link, θ by maximum likelihood), fitted as R's
/// <c>MASS::glm.nb</c> does: a Poisson fit to start, then alternately the coefficients by iteratively
/// reweighted least squares for the current θ and θ by maximum likelihood for the current means,
/// until the log-likelihood and θ settle. The weighted least squares are solved by MathNet's QR
/// decomposition and θ's score equation by MathNet's Brent root finder, so no solver is
/// hand-written here; only the GLM formulas are (docs/methods.md, "Interrupted time series").
/// </summary>
public static class NegativeBinomialRegression
{
    /// <summary>Above this θ the counts show no overdispersion worth the name; θ is kept there.</summary>
    public const double MaxTheta = 1e6;
    private const double MinTheta = 1e-4;
    private const int MaxIterations = 25;
    private const double Tolerance = 1e-8;

    /// <param name="x">Design matrix, one row per observation, the intercept column included.</param>
    /// <param name="y">Counts (non-negative).</param>
    /// <param name="offset">Optional log exposure added to the linear predictor.</param>
    public static CountModelFit Fit(Matrix<double> x, IReadOnlyList<double> y, IReadOnlyList<double>? offset = null)
    {
        if (x.RowCount != y.Count) throw new ArgumentException("one row per count", nameof(x));
        if (y.Any(v => v < 0 || !double.IsFinite(v))) throw new ArgumentException("counts must be non-negative", nameof(y));
        var yv = Vector<double>.Build.DenseOfEnumerable(y);
        var off = offset is null ? Vector<double>.Build.Dense(y.Count) : Vector<double>.Build.DenseOfEnumerable(offset);

        // Poisson start (θ = ∞), as glm.nb does.
        var (beta, mu, iterations, converged) = Irls(x, yv, off, double.PositiveInfinity, null);
        var theta = ThetaMl(yv, mu);
        var logLik = LogLikelihood(yv, mu, theta);
        for (var outer = 0; outer < MaxIterations; outer++)
        {
            (beta, mu, var inner, converged) = Irls(x, yv, off, theta, beta);
            iterations += inner;
            var newTheta = ThetaMl(yv, mu);
            var newLogLik = LogLikelihood(yv, mu, newTheta);
            var settled = Math.Abs(newLogLik - logLik) / (Math.Abs(newLogLik) + 0.1) + Math.Abs(newTheta - theta) / theta < Tolerance;
            (theta, logLik) = (newTheta, newLogLik);
            if (settled) break;
        }
        var se = StandardErrors(x, mu, theta);
        var note = theta >= MaxTheta ? "No overdispersion found: θ is at its bound and the fit equals a Poisson regression." : null;
        if (!converged) note = (note is null ? "" : note + " ") + "The iterations did not converge; treat the estimates with caution.";
        return new CountModelFit("negative binomial", beta.ToArray(), se, theta, logLik, iterations, converged, note);
    }

    /// <summary>A Poisson regression (log link), for comparison with published Poisson examples.</summary>
    public static CountModelFit FitPoisson(Matrix<double> x, IReadOnlyList<double> y, IReadOnlyList<double>? offset = null)
    {
        var yv = Vector<double>.Build.DenseOfEnumerable(y);
        var off = offset is null ? Vector<double>.Build.Dense(y.Count) : Vector<double>.Build.DenseOfEnumerable(offset);
        var (beta, mu, iterations, converged) = Irls(x, yv, off, double.PositiveInfinity, null);
        return new CountModelFit("poisson", beta.ToArray(), StandardErrors(x, mu, double.PositiveInfinity),
            double.PositiveInfinity, LogLikelihood(yv, mu, double.PositiveInfinity), iterations, converged, null);
    }

    /// <summary>Iteratively reweighted least squares for a log-link GLM with variance μ + μ²/θ:
    /// working weights w = μ²/Var(μ) = μ/(1 + μ/θ), working response η − offset + (y − μ)/μ.</summary>
    private static (Vector<double> Beta, Vector<double> Mu, int Iterations, bool Converged) Irls(
        Matrix<double> x, Vector<double> y, Vector<double> offset, double theta, Vector<double>? start)
    {
        // Start from the data (μ = y + 0.1, as glm's mustart does for counts) or from a previous fit.
        var eta = start is null ? y.Map(v => Math.Log(v + 0.1)) : x * start + offset;
        var beta = start ?? Vector<double>.Build.Dense(x.ColumnCount);
        var deviance = double.PositiveInfinity;
        for (var i = 1; i <= MaxIterations; i++)
        {
            var mu = eta.PointwiseExp();
            var w = mu.Map(m => double.IsInfinity(theta) ? m : m / (1 + m / theta));
            var z = eta - offset + (y - mu).PointwiseDivide(mu);
            var sw = w.PointwiseSqrt();
            // Solve min ‖√W (Xβ − z)‖ by QR: better conditioned than the normal equations.
            var xw = Matrix<double>.Build.DenseOfColumnVectors(Enumerable.Range(0, x.ColumnCount).Select(j => x.Column(j).PointwiseMultiply(sw)));
            beta = xw.QR().Solve(z.PointwiseMultiply(sw));
            eta = x * beta + offset;
            var newDeviance = Deviance(y, eta.PointwiseExp(), theta);
            if (Math.Abs(newDeviance - deviance) / (Math.Abs(newDeviance) + 0.1) < Tolerance)
                return (beta, eta.PointwiseExp(), i, true);
            deviance = newDeviance;
        }
        return (beta, eta.PointwiseExp(), MaxIterations, false);
    }

    private static double Deviance(Vector<double> y, Vector<double> mu, double theta)
    {
        double d = 0;
        for (var i = 0; i < y.Count; i++)
        {
            var (yi, mi) = (y[i], mu[i]);
            var term = yi > 0 ? yi * Math.Log(yi / mi) : 0;
            d += double.IsInfinity(theta) ? 2 * (term - (yi - mi)) : 2 * (term - (yi + theta) * Math.Log((yi + theta) / (mi + theta)));
        }
        return d;
    }

    /// <summary>θ maximising the likelihood for fixed means: the root of the score
    /// Σ ψ(y+θ) − ψ(θ) + ln θ + 1 − ln(θ+μ) − (y+θ)/(θ+μ), searched on ln θ by Brent's method.</summary>
    private static double ThetaMl(Vector<double> y, Vector<double> mu)
    {
        double Score(double logTheta)
        {
            var t = Math.Exp(logTheta);
            double s = 0;
            for (var i = 0; i < y.Count; i++)
                s += SpecialFunctions.DiGamma(y[i] + t) - SpecialFunctions.DiGamma(t) + Math.Log(t) + 1 - Math.Log(t + mu[i]) - (y[i] + t) / (t + mu[i]);
            return s;
        }
        var (lo, hi) = (Math.Log(MinTheta), Math.Log(MaxTheta));
        // Score still positive at the upper bound: the likelihood keeps rising towards Poisson.
        if (Score(hi) >= 0) return MaxTheta;
        if (Score(lo) <= 0) return MinTheta;
        return Math.Exp(Brent.FindRoot(Score, lo, hi, 1e-10, 200));
    }

    private static double LogLikelihood(Vector<double> y, Vector<double> mu, double theta)
    {
        double l = 0;
        for (var i = 0; i < y.Count; i++)
        {
            var (yi, mi) = (y[i], mu[i]);
            l += double.IsInfinity(theta)
                ? yi * Math.Log(mi) - mi - SpecialFunctions.GammaLn(yi + 1)
                : SpecialFunctions.GammaLn(theta + yi) - SpecialFunctions.GammaLn(theta) - SpecialFunctions.GammaLn(yi + 1)
                  + theta * Math.Log(theta / (theta + mi)) + (yi > 0 ? yi * Math.Log(mi / (theta + mi)) : 0);
        }
        return l;
    }

    /// <summary>Square roots of the diagonal of (XᵀWX)⁻¹ at the fit, θ held fixed (as glm.nb's summary).</summary>
    private static double[] StandardErrors(Matrix<double> x, Vector<double> mu, double theta)
    {
        var w = mu.Map(m => double.IsInfinity(theta) ? m : m / (1 + m / theta));
        var xtwx = x.TransposeThisAndMultiply(Matrix<double>.Build.DiagonalOfDiagonalVector(w) * x);
        var cov = xtwx.Inverse();
        return Enumerable.Range(0, x.ColumnCount).Select(j => Math.Sqrt(cov[j, j])).ToArray();
    }
}

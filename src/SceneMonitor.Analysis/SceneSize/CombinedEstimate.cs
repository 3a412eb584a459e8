using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.SceneSize;

/// <summary>Several multiplier estimates of one population, area and year combined into one figure.</summary>
/// <param name="Used">How many estimates went into the combination (the reliable ones when there are any).</param>
/// <param name="Unreliable">Every estimate was unreliable (m below 10), so the combination is too.</param>
/// <param name="Heterogeneity">I² (0–1): the share of the spread between estimates beyond what their
/// sampling error explains; high when the registers reach different parts of the scene.</param>
/// <param name="Minimum">The smallest single estimate used, and <paramref name="Maximum"/> the largest: the range
/// UNODC and EMCDDA guidance asks to report next to any central figure.</param>
public sealed record CombinedEstimate(double Estimate, double Low, double High, int Used, bool Unreliable, double Heterogeneity, double Minimum, double Maximum);

/// <summary>
/// Random-effects combination on the log scale (DerSimonian &amp; Laird 1986): each estimate's ln N is
/// weighted by 1 / (se² + τ²), with se from its interval (<see cref="MultiplierEstimate.LogStandardError"/>)
/// and τ² the between-estimate variance by the method of moments. With estimates that agree, τ² = 0 and
/// this is the inverse-variance weighted mean; when different registers give different answers (they
/// reach different parts of the scene), τ² widens the interval instead of letting the largest survey
/// decide alone. The log scale because N is positive and its interval skewed. Unreliable estimates
/// (m below 10) are left out when at least one reliable estimate exists.
/// </summary>
public static class EstimateCombination
{
    public static CombinedEstimate Combine(IReadOnlyList<MultiplierEstimate> estimates)
    {
        if (estimates.Count == 0) throw new ArgumentException("nothing to combine", nameof(estimates));
        var reliable = estimates.Where(e => !e.Unreliable).ToList();
        var used = reliable.Count > 0 ? reliable : estimates.ToList();
        // One estimate keeps its own (Wilson) interval: there is nothing to pool.
        if (used.Count == 1)
        {
            var only = used[0];
            return new CombinedEstimate(only.Estimate, only.Low, only.High, 1, only.Unreliable, 0, only.Estimate, only.Estimate);
        }
        var y = used.Select(e => Math.Log(e.Estimate)).ToArray();
        var v = used.Select(e => e.LogStandardError * e.LogStandardError).ToArray();
        var w = v.Select(x => 1 / x).ToArray();

        var fixedMean = Sum(i => w[i] * y[i], w.Length) / w.Sum();
        var q = Sum(i => w[i] * Math.Pow(y[i] - fixedMean, 2), w.Length);
        var df = used.Count - 1;
        var c = w.Sum() - Sum(i => w[i] * w[i], w.Length) / w.Sum();
        var tau2 = df > 0 && c > 0 ? Math.Max(0, (q - df) / c) : 0;
        var heterogeneity = df > 0 && q > 0 ? Math.Max(0, (q - df) / q) : 0;

        var wr = v.Select(x => 1 / (x + tau2)).ToArray();
        var mean = Sum(i => wr[i] * y[i], wr.Length) / wr.Sum();
        var se = 1 / Math.Sqrt(wr.Sum());
        return new CombinedEstimate(Math.Exp(mean), Math.Exp(mean - Normal.Z975 * se), Math.Exp(mean + Normal.Z975 * se),
            used.Count, reliable.Count == 0, heterogeneity, used.Min(e => e.Estimate), used.Max(e => e.Estimate));
    }

    private static double Sum(Func<int, double> term, int count)
    {
        double s = 0;
        for (var i = 0; i < count; i++) s += term(i);
        return s;
    }
}

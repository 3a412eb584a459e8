using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Hotspots;

/// <summary>
/// Gi* of every location in every period of a space-time cube with time-lagged neighbours, as R
/// sfdep's <c>emerging_hotspot_analysis(k)</c> computes it (and as ESRI's "neighbourhood time step"
/// describes it): the neighbourhood of cell i in period t is its spatial neighbours (itself included)
/// in period t and the same cells in the k periods before t, where those exist (period 1 has none
/// before it). Binary weights, so Σ wᵢⱼ = Σ wᵢⱼ² = (spatial neighbours) · (periods used). The mean
/// x̄ₜ, the standard deviation Sₜ (divisor n) and n are those of period t alone, exactly as sfdep's
/// <c>local_g_spt_calc</c>:
/// Gi*(t) = (Σ over space-time neighbours of x − x̄ₜ Wᵢ) / (Sₜ √((n Wᵢ − Wᵢ²)/(n − 1))).
/// With k = 0 this is each period's spatial Gi* (<see cref="GetisOrd"/>), which is what is returned.
/// A lag smooths a one-period blip: a cell needs its neighbourhood to have been busy in the period
/// before too, so "new" means new for two periods' worth of observations rather than one week's.
/// </summary>
public static class SpaceTimeGiStar
{
    public static IReadOnlyList<GiStarResult> Compute(IReadOnlyList<IReadOnlyList<double>> valuesByPeriod, SpatialWeights weights,
        int timeLag, bool falseDiscoveryRate = false)
    {
        if (timeLag < 0) throw new ArgumentOutOfRangeException(nameof(timeLag), "The time lag is a number of periods, 0 or more.");
        var results = new GiStarResult[valuesByPeriod.Count];
        for (int t = 0; t < valuesByPeriod.Count; t++)
            results[t] = timeLag == 0 ? GetisOrd.GiStar(valuesByPeriod[t], weights, falseDiscoveryRate)
                : Period(valuesByPeriod, t, weights, timeLag, falseDiscoveryRate);
        return results;
    }

    private static GiStarResult Period(IReadOnlyList<IReadOnlyList<double>> cube, int t, SpatialWeights weights, int timeLag, bool falseDiscoveryRate)
    {
        var values = cube[t];
        int n = values.Count;
        // The degenerate periods (too few cells, all values equal) are undefined in both forms: the
        // spatial function reports them (Gi* 0, not significant, with its note).
        if (n < 3 || values.Max() == values.Min()) return GetisOrd.GiStar(values, weights, falseDiscoveryRate);
        if (cube.Take(t + 1).Any(v => v.Count != n)) throw new ArgumentException("Every period needs one value per location.", nameof(cube));

        double mean = values.Sum() / n;
        double s = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / n);
        int periodsUsed = Math.Min(timeLag, t) + 1;
        var z = new double[n];
        string? note = null;
        for (int i = 0; i < n; i++)
        {
            var neighbours = weights.Neighbours[i];
            double wi = neighbours.Length * periodsUsed;
            double lag = 0;
            for (int l = 0; l < periodsUsed; l++)
                foreach (int j in neighbours) lag += cube[t - l][j];
            double spread = (n * wi - wi * wi) / (n - 1);
            if (spread <= 0)
            {
                // More space-time neighbours than cells in the period: the variance term is not
                // positive and the statistic is undefined (only on very small grids).
                note = "Some neighbourhoods are larger than the period's number of cells: their space-time Gi* is undefined and reported as 0.";
                continue;
            }
            z[i] = (lag - mean * wi) / (s * Math.Sqrt(spread));
        }

        var p = z.Select(Normal.TwoSidedP).ToArray();
        double[]? adjusted = falseDiscoveryRate ? PValueAdjustment.Adjust(p, PAdjustMethod.BenjaminiHochberg) : null;
        var result = new GiStarValue[n];
        for (int i = 0; i < n; i++)
            result[i] = new GiStarValue(z[i], p[i], adjusted?[i], SignificanceBin.FromP(z[i], adjusted?[i] ?? p[i]),
                weights.Neighbours[i].Length * periodsUsed, null);
        return new GiStarResult(result, note);
    }
}

namespace SceneMonitor.Analysis.Hotspots;

/// <summary>
/// Conditional-permutation pseudo p-values of Gi* (Anselin 1995; docs/methods.md, "Gi* p-values"):
/// at each location its own value stays, the other neighbour slots take values drawn without
/// replacement from all other locations (as spdep localG_perm with no_repeat_in_row = TRUE and
/// rgeoda). With R permutations, ge = #(simulated local sum ≥ observed), le = #(≤ observed), the
/// folded pseudo p = (min(ge, le) + 1) / (R + 1): the one-sided p in the direction the value lies,
/// smallest 1/(R + 1). Counting ties on both sides keeps a cell whose value equals most draws
/// (an empty cell among empty cells) at p ≈ 1, where spdep's R − ge would make it "significantly low".
/// With binary weights and a fixed sum Σx, Gi* is a monotone function of the local sum, so the
/// local sum is compared directly.
/// </summary>
public static class GiStarPermutation
{
    /// <summary>The weakest confidence bin (90 %) needs p below this.</summary>
    public const double WeakestBinP = 0.10;

    public static double[] PseudoP(IReadOnlyList<double> values, SpatialWeights weights, int permutations, int seed)
    {
        if (permutations < 1) throw new ArgumentException("At least one permutation is needed.", nameof(permutations));
        int n = values.Count;
        var x = values.ToArray();
        var random = new Random(seed);
        // pool holds every location index in some order. The location under test is moved to the last
        // slot, so drawing from the first n − 1 positions never picks it.
        var pool = Enumerable.Range(0, n).ToArray();
        var p = new double[n];
        for (int i = 0; i < n; i++)
        {
            var neighbours = weights.Neighbours[i];
            bool self = Array.IndexOf(neighbours, i) >= 0;
            int slots = neighbours.Length - (self ? 1 : 0);
            double observed = 0;
            foreach (int j in neighbours) observed += x[j];
            double fixedPart = self ? x[i] : 0;
            if (slots == 0 || slots > n - 1) { p[i] = 1; continue; }

            int at = Array.IndexOf(pool, i); // once per location: n² in all, small beside the draws
            (pool[at], pool[n - 1]) = (pool[n - 1], pool[at]);
            double tolerance = 1e-9 * Math.Max(1, Math.Abs(observed)); // sums of the same values in another order
            int ge = 0, le = 0;
            for (int r = 0; r < permutations; r++)
            {
                double sum = fixedPart;
                for (int s = 0; s < slots; s++)
                {
                    int pick = s + random.Next(n - 1 - s); // partial Fisher–Yates over positions 0..n−2
                    (pool[s], pool[pick]) = (pool[pick], pool[s]);
                    sum += x[pool[s]];
                }
                if (sum >= observed - tolerance) ge++;
                if (sum <= observed + tolerance) le++;
            }
            p[i] = (Math.Min(ge, le) + 1.0) / (permutations + 1.0);
        }
        return p;
    }

    /// <summary>
    /// Whether any location could come out as a cold spot at all: a location's lowest possible local
    /// sum is its own and every drawn value at the minimum, which a random draw of s other values
    /// reaches with probability C(m − 1, s) / C(n − 1, s) (m locations hold the minimum). The pseudo p
    /// of a low value cannot fall below that (in expectation, plus 1/(R + 1)); when it stays at or
    /// above the weakest bin's 0.10 everywhere, no cold spot is reachable, however the data fall.
    /// FDR only raises p, so "unreachable" holds with it too.
    /// </summary>
    public static bool ColdSpotsReachable(IReadOnlyList<double> values, SpatialWeights weights, int permutations)
    {
        int n = values.Count;
        if (n < 3) return false;
        double min = values.Min();
        int atMin = values.Count(v => v == min);
        for (int i = 0; i < n; i++)
        {
            int slots = weights.Neighbours[i].Length - (Array.IndexOf(weights.Neighbours[i], i) >= 0 ? 1 : 0);
            if (slots == 0 || slots > n - 1) continue;
            double chance = 1;
            for (int t = 0; t < slots && chance > 0; t++) chance *= Math.Max(0, atMin - 1 - t) / (double)(n - 1 - t);
            if (chance * permutations / (permutations + 1.0) + 1.0 / (permutations + 1) < WeakestBinP) return true;
        }
        return false;
    }
}

using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Statistics;

namespace SceneMonitor.Analysis.Hotspots;

/// <summary>
/// One location's Gi*: z-score, p (two-sided normal, or the folded conditional-permutation pseudo p
/// when permutations were asked for), the BH-adjusted p when FDR was asked for,
/// the confidence bin (−3..+3, from the adjusted p under FDR) and the number of neighbours
/// (self included). <see cref="Note"/> is set when Gi* is undefined here and reported as 0.
/// </summary>
public sealed record GiStarValue(double Z, double P, double? AdjustedP, int Bin, int NeighbourCount, string? Note);

/// <summary>All locations' Gi*. <see cref="Permutations"/> is 0 when p comes from the normal
/// approximation; <see cref="ColdSpotsReachable"/> says whether any location could be a cold spot
/// at the weakest bin with these values and neighbours (<see cref="GiStarPermutation.ColdSpotsReachable"/>).</summary>
public sealed record GiStarResult(IReadOnlyList<GiStarValue> Values, string? Note)
{
    public int Permutations { get; init; }
    public bool ColdSpotsReachable { get; init; }
}

/// <summary>
/// Getis–Ord Gi* (Getis &amp; Ord 1992; Ord &amp; Getis 1995), self included, binary weights,
/// as R spdep localG with include.self() (docs/methods.md, "Gi*"):
/// Gi* = (Σj wij xj − X̄ Σj wij) / ( S √( (n Σj wij² − (Σj wij)²) / (n − 1) ) ),
/// X̄ = Σx/n, S = √(Σx²/n − X̄²) (computed as √(Σ(x − X̄)²/n) for numerical stability).
/// Gi* is itself the z-score; p is two-sided normal, or with permutations &gt; 0 the conditional
/// permutation pseudo p (<see cref="GiStarPermutation"/>, seeded so a run can be repeated).
/// </summary>
public static class GetisOrd
{
    public static GiStarResult GiStar(IReadOnlyList<PlanarPoint> locations, IReadOnlyList<double> values,
        Neighbourhood neighbourhood, bool falseDiscoveryRate = false, int permutations = 0, int seed = 1)
    {
        var weights = SpatialWeights.Build(locations, neighbourhood);
        var result = GiStar(values, weights, falseDiscoveryRate, permutations, seed);
        return weights.Note is null ? result : result with { Note = Join(weights.Note, result.Note) };
    }

    public static GiStarResult GiStar(IReadOnlyList<double> values, SpatialWeights weights, bool falseDiscoveryRate = false,
        int permutations = 0, int seed = 1)
    {
        if (permutations < 0) throw new ArgumentException("permutations cannot be negative.", nameof(permutations));
        if (values.Count != weights.Count) throw new ArgumentException("One value per location is needed.", nameof(values));
        if (values.Any(v => double.IsNaN(v) || double.IsInfinity(v))) throw new ArgumentException("Values must be finite.", nameof(values));

        int n = values.Count;
        if (n == 0) return new GiStarResult([], "No locations.");
        if (n < 3)
            return AllZero(weights, falseDiscoveryRate, "Gi* needs at least three locations; reported as 0 (not significant).") with { Permutations = permutations };
        if (values.Max() == values.Min())
            return AllZero(weights, falseDiscoveryRate, "All values are equal (S = 0): Gi* is undefined and reported as 0 (not significant).") with { Permutations = permutations };

        double mean = values.Sum() / n;
        double s = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / n);

        var z = new double[n];
        var notes = new string?[n];
        for (int i = 0; i < n; i++)
        {
            var neighbours = weights.Neighbours[i];
            double wi = neighbours.Length; // Σ wij with binary weights
            double s1 = wi;                // Σ wij² equals Σ wij for 0/1 weights
            double lag = 0;
            foreach (int j in neighbours) lag += values[j];
            double spread = (n * s1 - wi * wi) / (n - 1);
            if (spread <= 0)
            {
                // Every location is a neighbour of i: the local sum is the global sum, nothing to compare.
                notes[i] = "Every location is in this neighbourhood: Gi* is undefined and reported as 0.";
                continue;
            }
            z[i] = (lag - mean * wi) / (s * Math.Sqrt(spread));
        }

        var p = permutations > 0 ? GiStarPermutation.PseudoP(values, weights, permutations, seed) : z.Select(Normal.TwoSidedP).ToArray();
        double[]? adjusted = falseDiscoveryRate ? PValueAdjustment.Adjust(p, PAdjustMethod.BenjaminiHochberg) : null;
        var result = new GiStarValue[n];
        for (int i = 0; i < n; i++)
        {
            double pForBin = adjusted?[i] ?? p[i];
            result[i] = new GiStarValue(z[i], p[i], adjusted?[i], SignificanceBin.FromP(z[i], pForBin), weights.Neighbours[i].Length, notes[i]);
        }
        bool coldReachable = permutations > 0
            ? GiStarPermutation.ColdSpotsReachable(values, weights, permutations)
            : LowestZ(values, weights, mean, s) is { } lowest && Normal.TwoSidedP(lowest) < GiStarPermutation.WeakestBinP;
        return new GiStarResult(result, null) { Permutations = permutations, ColdSpotsReachable = coldReachable };
    }

    /// <summary>The most negative Gi* any location could reach: it and all its neighbours at the minimum.</summary>
    private static double? LowestZ(IReadOnlyList<double> values, SpatialWeights weights, double mean, double s)
    {
        int n = values.Count;
        double min = values.Min();
        double? lowest = null;
        foreach (var neighbours in weights.Neighbours)
        {
            double wi = neighbours.Length, spread = (n * wi - wi * wi) / (n - 1);
            if (spread <= 0) continue;
            double z = (min * wi - mean * wi) / (s * Math.Sqrt(spread));
            if (lowest is null || z < lowest) lowest = z;
        }
        return lowest;
    }

    private static GiStarResult AllZero(SpatialWeights weights, bool falseDiscoveryRate, string note) =>
        new(weights.Neighbours.Select(nb => new GiStarValue(0, 1, falseDiscoveryRate ? 1 : null, 0, nb.Length, null)).ToArray(), note);

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : a + " " + b;
}

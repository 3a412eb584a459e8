using System.Diagnostics;
using Xunit.Abstractions;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Hotspots;

namespace SceneMonitor.Analysis.Tests.Hotspots;

public class GiStarPermutationTests(ITestOutputHelper output)
{
    // The Gi* example of docs/methods.md (band 15 m).
    private static readonly PlanarPoint[] Points = [new(10, 10), new(20, 10), new(40, 10), new(15, 20), new(30, 20), new(30, 30)];
    private static readonly double[] Values = [2, 3, 3.2, 5, 8, 7];

    [Fact]
    public void Pseudo_p_converges_to_the_exact_conditional_permutation_p()
    {
        // Exact folded p by full enumeration in R (docs/checks/change_and_permutation.R): every subset of the
        // other values in the free neighbour slots, own value fixed: 0.2, 0.5, 0.2, 0.4, 0.2, 0.2. An independent
        // R simulation (99,999 draws, without replacement) gives 0.198, 0.499, 0.199, 0.402, 0.203, 0.199.
        // A permutation test depends on its random stream, so equality is to Monte Carlo error: with R = 99,999
        // the standard error is at most 0.0016; the tolerance is 0.006 (under 4 standard errors).
        double[] exact = [0.2, 0.5, 0.2, 0.4, 0.2, 0.2];
        var result = GetisOrd.GiStar(Points, Values, Neighbourhood.Band(15), permutations: 99_999, seed: 7);
        for (int i = 0; i < exact.Length; i++) Assert.Equal(exact[i], result.Values[i].P, 0.006);
        Assert.Equal(99_999, result.Permutations);
        // z is the analytic Gi* whatever the p-values (spdep localG: −1.397…, 2.024…)
        Assert.Equal(-1.39727626, result.Values[0].Z, 1e-6);
        Assert.All(result.Values, v => Assert.Equal(0, v.Bin)); // no pseudo p below 0.10 in six locations
    }

    [Fact]
    public void Same_seed_same_p_values_and_the_floor_is_one_over_R_plus_one()
    {
        // Location 55's eight queen neighbours hold 10 each, every other location 0 or 1: no draw of eight
        // other values can reach the observed neighbour sum (the own value is held fixed), so p = 1/1000.
        int[] ring = [44, 45, 46, 54, 56, 64, 65, 66];
        var values = Enumerable.Range(0, 100).Select(i => ring.Contains(i) ? 10.0 : i % 7 == 0 ? 1 : 0).ToArray();
        var points = Enumerable.Range(0, 100).Select(i => new PlanarPoint(i % 10 * 10, i / 10 * 10)).ToArray();
        var a = GetisOrd.GiStar(points, values, Neighbourhood.Band(15), permutations: 999, seed: 3);
        var b = GetisOrd.GiStar(points, values, Neighbourhood.Band(15), permutations: 999, seed: 3);
        Assert.Equal(a.Values.Select(v => v.P), b.Values.Select(v => v.P));
        Assert.Equal(0.001, a.Values[55].P, 1e-12);
        Assert.Equal(3, a.Values[55].Bin);
    }

    [Fact]
    public void An_empty_cell_among_empty_cells_is_not_significantly_low()
    {
        // Ties count on both sides: an all-empty neighbourhood equals most draws, so p stays high (spdep's
        // R − #≥ would give 1/(R+1) here and call the quietest place a cold spot).
        var values = Enumerable.Range(0, 100).Select(i => i % 3 == 0 ? 5.0 : 0).ToArray();
        values[44] = values[45] = values[54] = values[55] = values[34] = values[43] = values[35] = values[46] = values[56] = 0;
        var points = Enumerable.Range(0, 100).Select(i => new PlanarPoint(i % 10 * 10, i / 10 * 10)).ToArray();
        var r = GetisOrd.GiStar(points, values, Neighbourhood.Band(15), permutations: 999, seed: 1);
        Assert.True(r.Values[45].P > 0.05, $"p = {r.Values[45].P}");
    }

    [Fact]
    public void Cold_spots_are_unreachable_when_most_cells_hold_the_minimum()
    {
        // Hexagon-like neighbourhoods of 7 (self + 6): an empty cell's 6 free slots all draw an empty cell with
        // probability C(m − 1, 6) / C(n − 1, 6): 0.0125 with 50 of 100 empty, 0.248 with 80 (R choose(),
        // docs/checks/change_and_permutation.R). Above 0.10 nothing low can reach the weakest bin.
        var points = Enumerable.Range(0, 100).Select(i => new PlanarPoint(i % 10 * 10, i / 10 * 10)).ToArray();
        var weights = SpatialWeights.ForNearest(points, 6);
        double[] half = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? 0.0 : 1 + i % 5).ToArray();
        double[] mostlyEmpty = Enumerable.Range(0, 100).Select(i => i % 5 == 0 ? 3.0 : 0).ToArray();
        Assert.True(GiStarPermutation.ColdSpotsReachable(half, weights, 999));
        Assert.False(GiStarPermutation.ColdSpotsReachable(mostlyEmpty, weights, 999));
        Assert.False(GetisOrd.GiStar(mostlyEmpty, weights, permutations: 999).ColdSpotsReachable);
    }

    [Fact]
    public void Thousands_of_cells_take_about_a_second_per_period()
    {
        // 3,600 cells of a 60 × 60 grid with queen neighbours (9 with self), 999 permutations: 29 million draws,
        // about 0.5 s on a quiet 2-core machine (docs/methods.md); the bound leaves room for a busy test machine.
        var points = Enumerable.Range(0, 3600).Select(i => new PlanarPoint(i % 60 * 10, i / 60 * 10)).ToArray();
        var random = new Random(2);
        var values = points.Select(_ => (double)(random.Next(4) == 0 ? random.Next(30) : 0)).ToArray();
        var weights = SpatialWeights.ForBand(points, 15);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        GetisOrd.GiStar(values, weights, falseDiscoveryRate: true, permutations: 999);
        output.WriteLine($"3,600 cells, 999 permutations: {clock.Elapsed.TotalSeconds:0.000} s, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.000} s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{clock.Elapsed.TotalSeconds:0.00} s");
    }
}

using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Hotspots;

namespace SceneMonitor.Analysis.Tests.Hotspots;

public class GetisOrdTests
{
    private static readonly PlanarPoint[] Points = [new(10, 10), new(20, 10), new(40, 10), new(15, 20), new(30, 20), new(30, 30)];
    private static readonly double[] Values = [2, 3, 3.2, 5, 8, 7];

    [Fact]
    public void Design_check_values_for_band_15()
    {
        // docs/methods.md, "Gi*" (note the pair (15,20)-(30,20) at exactly 15 m, which the band includes).
        double[] expected = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];
        var result = GetisOrd.GiStar(Points, Values, Neighbourhood.Band(15));
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], result.Values[i].Z, 1e-6);
        Assert.Equal([3, 4, 2, 4, 5, 2], result.Values.Select(v => v.NeighbourCount));
        Assert.Null(result.Note);
    }

    [Fact]
    public void Bins_and_p_values_without_fdr()
    {
        // Only location 6 (z = 2.024, two-sided p = 0.0429) passes 95 %.
        var result = GetisOrd.GiStar(Points, Values, Neighbourhood.Band(15));
        Assert.Equal([0, 0, 0, 0, 0, 2], result.Values.Select(v => v.Bin));
        Assert.Equal(0.042946, result.Values[5].P, 1e-6);
        Assert.All(result.Values, v => Assert.Null(v.AdjustedP));
    }

    [Fact]
    public void Fdr_removes_a_bin_that_does_not_survive_benjamini_hochberg()
    {
        // BH for the smallest of 6 p-values: 0.042946 · 6 / 1 = 0.2577 -> not significant.
        var result = GetisOrd.GiStar(Points, Values, Neighbourhood.Band(15), falseDiscoveryRate: true);
        Assert.All(result.Values, v => Assert.Equal(0, v.Bin));
        Assert.Equal(0.042946 * 6, result.Values[5].AdjustedP!.Value, 1e-5);
    }

    [Fact]
    public void K_nearest_follows_spdep_knn_with_self_not_symmetrised()
    {
        // Hand computation (Python, same formula), k = 2, equal distances broken by lower index:
        // neighbour sets {0,1,3}, {0,1,3}, {1,2,4}, {0,1,3}, {1,4,5}, {3,4,5}.
        // Location 2's neighbours include 1, but 1's do not include 2: not symmetric, as knn2nb(sym = FALSE).
        double[] expected = [-1.3972762620115446, -1.3972762620115446, 0.03407990882954913, -1.3972762620115446, 1.329116444352444, 2.0107146209434412];
        var result = GetisOrd.GiStar(Points, Values, Neighbourhood.Nearest(2));
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], result.Values[i].Z, 1e-12);
        Assert.All(result.Values, v => Assert.Equal(3, v.NeighbourCount));
    }

    [Fact]
    public void All_values_equal_gives_zero_with_a_note_not_nan()
    {
        var result = GetisOrd.GiStar(Points, [4, 4, 4, 4, 4, 4], Neighbourhood.Band(15));
        Assert.All(result.Values, v => { Assert.Equal(0, v.Z); Assert.Equal(1, v.P); Assert.Equal(0, v.Bin); });
        Assert.Contains("equal", result.Note);
    }

    [Fact]
    public void Neighbourhood_covering_everyone_gives_zero_with_a_note()
    {
        var result = GetisOrd.GiStar(Points, Values, Neighbourhood.Band(1000));
        Assert.All(result.Values, v => { Assert.Equal(0, v.Z); Assert.NotNull(v.Note); });
    }

    [Fact]
    public void K_at_least_n_is_reduced_with_a_note()
    {
        var result = GetisOrd.GiStar(Points, Values, Neighbourhood.Nearest(10));
        Assert.Contains("k = 5", result.Note);
        Assert.All(result.Values, v => Assert.True(double.IsFinite(v.Z)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Fewer_than_three_locations_give_a_note(int n)
    {
        var result = GetisOrd.GiStar(Points.Take(n).ToArray(), Values.Take(n).ToArray(), Neighbourhood.Band(15));
        Assert.Equal(n, result.Values.Count);
        Assert.NotNull(result.Note);
        Assert.All(result.Values, v => Assert.Equal(0, v.Z));
    }

    [Fact]
    public void Identical_locations_are_each_others_neighbours()
    {
        PlanarPoint[] points = [new(0, 0), new(0, 0), new(0, 0), new(100, 0)];
        var result = GetisOrd.GiStar(points, [5, 5, 5, 0], Neighbourhood.Nearest(1));
        Assert.All(result.Values, v => Assert.True(double.IsFinite(v.Z)));
        Assert.True(result.Values[0].Z > 0);
    }

    [Fact]
    public void Misuse_throws()
    {
        Assert.Throws<ArgumentException>(() => GetisOrd.GiStar(Points, [1, 2], Neighbourhood.Band(15)));
        Assert.Throws<ArgumentException>(() => GetisOrd.GiStar(Points, Values, Neighbourhood.Band(0)));
        Assert.Throws<ArgumentException>(() => GetisOrd.GiStar(Points, Values, Neighbourhood.Nearest(0)));
    }
}

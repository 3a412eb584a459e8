using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Hotspots;

namespace SceneMonitor.Analysis.Tests.Hotspots;

/// <summary>Space-time Gi* with time-lagged neighbours. Expected values: docs/checks/spacetime_gistar.py
/// (numpy, following sfdep's spt_nb and local_g_spt_calc, written without the C# code) on a 5 × 5 grid
/// of 100 m squares, queen neighbours plus self, counts (3i + 2t) mod 4 with +8 in cell 12 in period 1
/// and +5 in cell 18 in periods 1 and 2.</summary>
public class SpaceTimeGiStarTests
{
    private static readonly PlanarPoint[] Grid = (from x in Enumerable.Range(0, 5) from y in Enumerable.Range(0, 5) select new PlanarPoint(x * 100, y * 100)).ToArray();

    private static IReadOnlyList<double>[] Cube()
    {
        var cube = Enumerable.Range(0, 3).Select(t => Enumerable.Range(0, 25).Select(i => (double)((3 * i + 2 * t) % 4)).ToArray()).ToArray();
        cube[1][12] += 8;
        cube[1][18] += 5;
        cube[2][18] += 5;
        return cube;
    }

    private static IReadOnlyList<GiStarResult> Run(int lag) => SpaceTimeGiStar.Compute(Cube(), SpatialWeights.ForBand(Grid, 150), lag);

    [Fact]
    public void Lag_one_matches_the_independent_script()
    {
        var r = Run(1);
        // Period 0 has no earlier period: its spatial Gi*.
        Assert.Equal(1.05566465, r[0].Values[0].Z, 6);
        Assert.Equal(-0.34554737, r[0].Values[12].Z, 6);
        // Period 1: the centre's one-period blip is damped by the quiet period before (spatial Gi* 1.72145713).
        Assert.Equal(0.4856387, r[1].Values[12].Z, 6);
        Assert.Equal(0.91163756, r[1].Values[13].Z, 6);
        Assert.Equal(-1.24044188, r[1].Values[1].Z, 6);
        // Period 2: the blip of period 1 is still in the neighbourhood.
        Assert.Equal(4.02073334, r[2].Values[12].Z, 6);
        Assert.Equal(4.57608325, r[2].Values[13].Z, 6);
        Assert.Equal(2.37337024, r[2].Values[24].Z, 6);
        Assert.Equal(18, r[2].Values[12].NeighbourCount);
        Assert.Equal(8, r[2].Values[0].NeighbourCount);
    }

    [Fact]
    public void Lag_zero_is_each_periods_spatial_gi_star()
    {
        var r = Run(0);
        var weights = SpatialWeights.ForBand(Grid, 150);
        for (int t = 0; t < 3; t++)
            Assert.Equal(GetisOrd.GiStar(Cube()[t], weights).Values.Select(v => v.Z), r[t].Values.Select(v => v.Z));
        Assert.Equal(1.72145713, r[1].Values[12].Z, 6); // the script's k = 0 line
    }

    [Fact]
    public void Neighbourhoods_larger_than_the_period_are_undefined_and_noted()
    {
        // k = 2: an inner cell has 27 space-time neighbours in period 2, more than the 25 cells (the script prints NaN).
        var r = Run(2);
        Assert.Equal(0, r[2].Values[12].Z);
        Assert.Equal(1, r[2].Values[12].P);
        Assert.Contains("undefined", r[2].Note);
        Assert.Equal(2.63235857, r[2].Values[14].Z, 6);
    }

    [Fact]
    public void A_negative_lag_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(-1));
}

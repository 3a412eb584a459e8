using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Hotspots;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Analysis.Tests.Displacement;

public class DisplacementAnalysisTests
{
    // A synthetic scene in EPSG:3812 around Brussel-Zuid: period A has a tight cluster at the target,
    // period B has it 600 m east; both have the same sparse background and a stable control area.
    private const double X0 = 647000, Y0 = 669000;

    private static PlanarPolygon Square(double cx, double cy, double half) => PlanarPolygon.FromRing(
        [new(cx - half, cy - half), new(cx + half, cy - half), new(cx + half, cy + half), new(cx - half, cy + half)]);

    private static List<PlanarPoint> Cluster(Random random, double cx, double cy, int n, double spread) =>
        Enumerable.Range(0, n).Select(_ => new PlanarPoint(cx + (random.NextDouble() - 0.5) * spread, cy + (random.NextDouble() - 0.5) * spread)).ToList();

    private static DisplacementInput Scene()
    {
        var random = new Random(1);
        var background = Cluster(random, X0 + 1500, Y0 + 1500, 60, 3000);
        var control = Cluster(random, X0 + 2700, Y0 + 2700, 10, 150);
        var a = Cluster(random, X0 + 1000, Y0 + 1000, 40, 120).Concat(background).Concat(control).ToList();
        var b = Cluster(random, X0 + 1600, Y0 + 1000, 40, 120).Concat(background).Concat(control).ToList();
        return new DisplacementInput(a, b)
        {
            Target = Square(X0 + 1000, Y0 + 1000, 100),
            Control = Square(X0 + 2700, Y0 + 2700, 100),
            RingDistances = [250, 500, 1000],
            Projection = LambertConformalConic.BelgianLambert2008,
        };
    }

    [Fact]
    public void Cluster_moving_east_gives_a_vector_east_and_displacement_in_the_rings()
    {
        var result = DisplacementAnalysis.Run(Scene());

        var grid = new HexagonGrid(150);
        var oldCell = result.Cells.Single(c => c.Key == grid.CellOf(X0 + 1000, Y0 + 1000));
        var newCell = result.Cells.Single(c => c.Key == grid.CellOf(X0 + 1600, Y0 + 1000));
        // Gi* with the normal approximation calls the 41-point cell hot (z = 4.7), but its neighbours are the quiet
        // background: holding its own value fixed, the conditional permutation finds nothing unusual around it,
        // so with the defaults (999 permutations, FDR) it is no hot spot. The change test decides the vectors.
        Assert.True(oldCell.GiA > 1.96);
        Assert.Equal(0, oldCell.BinA);
        var normal = DisplacementAnalysis.Run(Scene() with { GiPermutations = 0, FalseDiscoveryRate = false });
        Assert.True(normal.Cells.Single(c => c.Key == oldCell.Key).BinA > 0, "the old cluster is hot in A under the normal approximation");
        Assert.Equal(HotspotChangeClass.NewHot, normal.Cells.Single(c => c.Key == newCell.Key).Class);
        // The change test: the old cluster's cell fell and the new one's rose, significantly (BY).
        Assert.Equal(CellChangeClass.Decrease, oldCell.Change);
        Assert.Equal(CellChangeClass.Increase, newCell.Change);
        Assert.True(oldCell.ChangeP < 0.05);
        Assert.Equal(result.Cells.Count(c => c.Change == CellChangeClass.Increase), result.CellChange!.Increase);
        Assert.Equal(new GiSettings(999, 1, true, result.Gi!.ColdSpotsReachable), result.Gi);

        var main = result.Vectors.Vectors.OrderByDescending(v => v.Weight).First();
        Assert.InRange(main.BearingDegrees, 70, 110);
        Assert.InRange(main.DistanceMetres, 450, 750);
        Assert.NotNull(main.FromLonLat);

        Assert.True(result.CentreShift.DistanceMetres > 100);
        Assert.InRange(result.CentreShift.BearingDegrees!.Value, 60, 120);
        Assert.NotNull(result.EllipseA.Ring);

        // Target loses its cluster, the rings gain it: SM < 0 and the buffer grows -> displacement.
        var counts = result.Counts!;
        Assert.True(counts.Target.Before > counts.Target.After);
        Assert.True(counts.Rings.Sum(r => r.After) > counts.Rings.Sum(r => r.Before));
        Assert.True(result.Wdq!.AllRings.SuccessMeasure < 0);
        Assert.True(result.Wdq.AllRings.Wdq < 0);
        Assert.Equal(3, result.Wdq.Rings.Count);
        Assert.NotNull(result.Wdd);
        Assert.True(result.Wdd!.Local < 0);
        Assert.True(result.Wdd.Displacement > 0);
        Assert.All(result.Cells, c => Assert.True(double.IsFinite(c.GiA) && double.IsFinite(c.GiB) && double.IsFinite(c.PA)));
        Assert.Equal(7, result.Cells[0].PolygonLonLat!.Count);
    }

    [Fact]
    public void Occupied_cells_universe_analyses_only_cells_with_points()
    {
        var input = Scene() with { Universe = CellUniverse.OccupiedCells, GridKind = GridKind.Square, CellSize = 100 };
        var result = DisplacementAnalysis.Run(input);
        Assert.All(result.Cells, c => Assert.True(c.CountA + c.CountB > 0));
        Assert.Equal(5, result.Cells[0].Polygon.Count);
    }

    [Fact]
    public void Empty_periods_give_notes_not_exceptions()
    {
        var result = DisplacementAnalysis.Run(new DisplacementInput([], []) { Target = Square(0, 0, 50), Control = Square(1000, 1000, 50) });
        Assert.Empty(result.Cells);
        Assert.Contains("Period A has no points.", result.Notes);
        Assert.NotNull(result.EllipseA.Note);
        Assert.NotNull(result.CentreShift.Note);
        Assert.Null(result.Wdq!.AllRings.Wdq); // control counts are zero
        Assert.Null(result.Wdd!.Z);
    }

    [Fact]
    public void One_empty_period_still_classifies_cells()
    {
        var scene = Scene();
        // Gi* by the normal approximation without FDR, so the lone hot cell of A is a hot spot that disappears.
        var result = DisplacementAnalysis.Run(scene with { PeriodB = [], GiPermutations = 0, FalseDiscoveryRate = false });
        Assert.Contains(result.Notes, n => n.StartsWith("Period B: All values are equal"));
        Assert.Contains(result.Cells, c => c.Class == HotspotChangeClass.DisappearedHot);
    }

    [Fact]
    public void Target_without_control_gives_counts_only()
    {
        var result = DisplacementAnalysis.Run(Scene() with { Control = null });
        Assert.NotNull(result.Counts);
        Assert.Null(result.Wdq);
        Assert.Null(result.Wdd);
        Assert.Contains(result.Notes, n => n.Contains("No control area"));
    }

    [Fact]
    public void Ring_distances_must_increase() =>
        Assert.Throws<ArgumentException>(() => DisplacementAnalysis.Run(Scene() with { RingDistances = [500, 250] }));
}

using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;

namespace SceneMonitor.Analysis.Tests.Displacement;

/// <summary>The zone areas behind the WDD's area weights, and the one WDD form used for posted
/// points and stored data alike (control = the control of target and buffer, scaled by area).</summary>
public class AreaWeightsTests
{
    private static PlanarPolygon Square(double cx, double cy, double half) => PlanarPolygon.FromRing(
        [new(cx - half, cy - half), new(cx + half, cy - half), new(cx + half, cy + half), new(cx - half, cy + half)]);

    [Fact]
    public void Polygon_area_subtracts_holes()
    {
        var withHole = new PlanarPolygon([Square(0, 0, 50).Rings[0], Square(0, 0, 10).Rings[0]]);
        Assert.Equal(10_000 - 400, withHole.Area, 9);
    }

    /// <summary>For a convex target the buffer of width r has the area A + P·r + π·r² (Steiner's
    /// formula), an independent check of the sampled ring areas: a 100 m square, rings to 50 and 150 m.</summary>
    [Fact]
    public void Ring_areas_match_steiners_formula_for_a_convex_target()
    {
        static double Buffer(double r) => 100 * 100 + 400 * r + Math.PI * r * r;
        var areas = AreaCounting.Areas(Square(0, 0, 50), [50, 150], Square(5000, 0, 100));
        Assert.Equal(10_000, areas.Target, 9);
        Assert.Equal(40_000, areas.Control!.Value, 9);
        Assert.Equal(Buffer(50) - Buffer(0), areas.Rings[0], (Buffer(50) - Buffer(0)) * 0.005);    // 27,853.98 m²
        Assert.Equal(Buffer(150) - Buffer(50), areas.Rings[1], (Buffer(150) - Buffer(50)) * 0.005); // 102,831.85 m²
    }

    /// <summary>Hand computation (Wheeler &amp; Ratcliffe 2018 with area weights): target 10 → 4, ring
    /// (0–50 m) 2 → 6, control 20 → 20; w_C = 10,000 / 40,000 = 0.25, w_D = 27,853.98 / 40,000 = 0.69635.
    /// local = (4 − 10) − 0.25·0 = −6; displacement = (6 − 2) − 0.69635·0 = 4; total = −2;
    /// Var = 10 + 4 + 2 + 6 + (0.25 + 0.69635)²·40 = 57.82: the control's counts enter both terms, so
    /// their weights add before squaring (as two independent areas they would give 43.90).</summary>
    [Fact]
    public void Posted_points_get_the_area_weighted_wdd_of_stored_data()
    {
        static IEnumerable<PlanarPoint> At(double x, double y, int n) => Enumerable.Repeat(new PlanarPoint(x, y), n);
        var a = At(0, 0, 10).Concat(At(0, 75, 2)).Concat(At(5000, 0, 20)).ToList();
        var b = At(0, 0, 4).Concat(At(0, 75, 6)).Concat(At(5000, 0, 20)).ToList();
        var result = DisplacementAnalysis.Run(new DisplacementInput(a, b)
        {
            Target = Square(0, 0, 50), Control = Square(5000, 0, 100), RingDistances = [50], GridKind = GridKind.Square,
        });
        var wdd = result.Wdd!;
        Assert.Equal(-6, wdd.Local, 9);
        Assert.Equal(4, wdd.Displacement, 9);
        Assert.Equal(-2, wdd.Total, 9);
        Assert.Equal(57.82, wdd.Variance, 0.1);
    }
}

using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Sppt;

namespace SceneMonitor.Analysis.Tests.Sppt;

public class SpptCountsTests
{
    private static PlanarPolygon Square(double x0, double y0, double size) =>
        PlanarPolygon.FromRing([new(x0, y0), new(x0 + size, y0), new(x0 + size, y0 + size), new(x0, y0 + size)]);

    [Fact]
    public void Points_go_to_the_first_containing_unit_and_outside_points_are_dropped()
    {
        var units = new[] { Square(0, 0, 10), Square(5, 0, 10) }; // overlapping on x in [5, 10]
        var counts = SpptCounts.FromPoints(["a", "b"], units,
            [new(1, 1), new(7, 1), new(12, 1), new(100, 100)],
            [new(12, 1, 5)]);
        Assert.Equal([2, 1], counts.Base);  // (7,1) is in both, goes to the first; (100,100) in none
        Assert.Equal([0, 1], counts.Test);  // a point counts once whatever its weight
    }
}

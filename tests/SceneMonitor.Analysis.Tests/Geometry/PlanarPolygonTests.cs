using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Tests.Geometry;

public class PlanarPolygonTests
{
    // A 10×10 square with a 4×4 hole in the middle.
    private static readonly PlanarPolygon Donut = new([
        [new(0, 0), new(10, 0), new(10, 10), new(0, 10)],
        [new(3, 3), new(7, 3), new(7, 7), new(3, 7)],
    ]);

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(5, 5, false)]   // in the hole
    [InlineData(11, 5, false)]
    [InlineData(9.99, 9.99, true)]
    public void Even_odd_containment(double x, double y, bool inside) => Assert.Equal(inside, Donut.Contains(x, y));

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(5, 5, 2)]      // hole centre: 2 m to the hole's edge
    [InlineData(13, 14, 5)]    // 3-4-5 from the corner (10, 10)
    [InlineData(-2, 5, 2)]
    public void Distance_to_area(double x, double y, double expected) => Assert.Equal(expected, Donut.DistanceTo(x, y), 1e-12);

    [Fact]
    public void Degenerate_rings_are_misuse()
    {
        Assert.Throws<ArgumentException>(() => new PlanarPolygon([]));
        Assert.Throws<ArgumentException>(() => new PlanarPolygon([[new(0, 0), new(1, 1)]]));
    }
}

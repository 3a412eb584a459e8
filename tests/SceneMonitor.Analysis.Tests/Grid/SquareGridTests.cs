using SceneMonitor.Analysis.Geometry;
using SceneMonitor.Analysis.Grid;

namespace SceneMonitor.Analysis.Tests.Grid;

public class SquareGridTests
{
    [Fact]
    public void Cell_of_point_matches_postgis_square_grid()
    {
        // PostGIS 3.3.2: SELECT i, j FROM ST_SquareGrid(150, ST_MakeEnvelope(647692.6, 669476.5, 647692.7, 669476.6))
        // -> 4317 | 4463 | POLYGON((647550 669450,647550 669600,647700 669600,647700 669450,647550 669450))
        var grid = new SquareGrid(150);
        var key = grid.CellOf(647692.6362, 669476.5429);
        Assert.Equal(new CellKey(4317, 4463), key);
        var ring = grid.Polygon(key);
        Assert.Equal(new PlanarPoint(647550, 669450), ring[0]);
        Assert.Equal(new PlanarPoint(647700, 669600), ring[2]);
        Assert.Equal(ring[0], ring[^1]);
    }

    [Theory]
    [InlineData(-0.001, -0.001, -1, -1)]
    [InlineData(0, 0, 0, 0)]
    [InlineData(149.999, 150, 0, 1)]
    public void Cells_are_half_open_at_the_upper_edge(double x, double y, int i, int j) =>
        Assert.Equal(new CellKey(i, j), new SquareGrid(150).CellOf(x, y));

    [Fact]
    public void Queen_neighbours()
    {
        var neighbours = new SquareGrid(10).Neighbours(new CellKey(0, 0));
        Assert.Equal(8, neighbours.Distinct().Count());
        Assert.Contains(new CellKey(1, 1), neighbours);
        Assert.Contains(new CellKey(-1, 0), neighbours);
    }

    [Fact]
    public void Counts_per_period_sum_weights()
    {
        var grid = new SquareGrid(100);
        IEnumerable<PlanarPoint> a = [new(10, 10), new(20, 20, 3), new(150, 10)];
        IEnumerable<PlanarPoint> b = [new(15, 15)];
        var counts = CellCounts.CountPerPeriod(grid, [a, b]);
        Assert.Equal([4.0, 1.0], counts[new CellKey(0, 0)]);
        Assert.Equal([1.0, 0.0], counts[new CellKey(1, 0)]);
        Assert.Equal(2, counts.Count);
    }

    [Fact]
    public void Counts_of_no_points_are_empty() =>
        Assert.Empty(CellCounts.Count(new SquareGrid(100), []));

    [Fact]
    public void Nonpositive_size_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => CellGrid.Create(GridKind.Square, 0));
}

using SceneMonitor.Analysis.Grid;

namespace SceneMonitor.Analysis.Tests.Grid;

public class HexagonGridTests
{
    // Expected (i, j): PostGIS 3.3.2, the ST_HexagonGrid cell whose geometry ST_Intersects the point:
    //   SELECT i, j FROM ST_HexagonGrid(150, ST_MakeEnvelope(x-1, y-1, x+1, y+1)) h
    //   WHERE ST_Intersects(h.geom, ST_MakePoint(x, y));
    [Theory]
    [InlineData(0.0, 0.0, 0, 0)]
    [InlineData(647692.6362, 669476.5429, 2879, 2576)] // Brussel-Zuid in EPSG:3812
    [InlineData(649509.9376, 672223.9157, 2887, 2587)] // Noordstation
    [InlineData(644212.7603, 669423.1688, 2863, 2576)] // Peterbos
    [InlineData(-1000.0, -500.0, -4, -2)]
    [InlineData(-300.0, 200.0, -1, 0)]
    [InlineData(220.0, -130.0, 1, -1)]
    [InlineData(123.0, 456.0, 1, 1)]
    [InlineData(-77.7, -333.3, 0, -1)]
    public void Cell_of_point_matches_postgis_size_150(double x, double y, int i, int j) =>
        Assert.Equal(new CellKey(i, j), new HexagonGrid(150).CellOf(x, y));

    // Same query with size 100 on random points in [-2000, 2000]².
    [Theory]
    [InlineData(-1886, -237.3, -13, -2)]
    [InlineData(1744.7, -67.4, 12, 0)]
    [InlineData(-1863.3, -894.8, -12, -5)]
    [InlineData(1908, -520.7, 13, -4)]
    [InlineData(-1883.6, 1380.9, -12, 8)]
    [InlineData(1887.8, -1848.4, 13, -11)]
    [InlineData(1462.1, 1367.3, 10, 8)]
    [InlineData(-1264.3, -214.4, -8, -1)]
    [InlineData(-1063, -680.3, -7, -4)]
    [InlineData(1785.6, 1039.9, 12, 6)]
    [InlineData(1646, -964.6, 11, -6)]
    [InlineData(-964.9, 474, -6, 3)]
    public void Cell_of_point_matches_postgis_size_100(double x, double y, int i, int j) =>
        Assert.Equal(new CellKey(i, j), new HexagonGrid(100).CellOf(x, y));

    [Fact]
    public void Polygon_matches_postgis_st_hexagon()
    {
        // PostGIS: ST_AsText(ST_Hexagon(150, 3, -2)) =
        // POLYGON((525 -389.7114317029974,600 -519.6152422706632,750 -519.6152422706632,
        //          825 -389.7114317029974,750 -259.8076211353316,600 -259.8076211353316,525 -389.7114317029974))
        double[] xs = [525, 600, 750, 825, 750, 600, 525];
        double[] ys = [-389.7114317029974, -519.6152422706632, -519.6152422706632, -389.7114317029974, -259.8076211353316, -259.8076211353316, -389.7114317029974];
        var ring = new HexagonGrid(150).Polygon(new CellKey(3, -2));
        Assert.Equal(7, ring.Count);
        for (int k = 0; k < 7; k++)
        {
            Assert.Equal(xs[k], ring[k].X, 1e-9);
            Assert.Equal(ys[k], ring[k].Y, 1e-9);
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, -2)]
    [InlineData(-3, 5)]
    [InlineData(-4, -7)]
    [InlineData(2879, 2576)]
    public void Centre_lies_in_its_own_cell(int i, int j)
    {
        var grid = new HexagonGrid(150);
        var key = new CellKey(i, j);
        Assert.Equal(key, grid.CellOf(grid.Centre(key)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(-1, 0)]
    [InlineData(-3, -4)]
    public void Six_neighbours_all_at_the_neighbour_distance(int i, int j)
    {
        var grid = new HexagonGrid(150);
        var key = new CellKey(i, j);
        var neighbours = grid.Neighbours(key);
        Assert.Equal(6, neighbours.Distinct().Count());
        var c = grid.Centre(key);
        foreach (var n in neighbours)
        {
            var d = Math.Sqrt(Math.Pow(grid.Centre(n).X - c.X, 2) + Math.Pow(grid.Centre(n).Y - c.Y, 2));
            Assert.Equal(grid.NeighbourDistance, d, 1e-9);
            Assert.Contains(key, grid.Neighbours(n)); // symmetric
        }
    }

    [Fact]
    public void Covering_a_box_includes_the_cells_of_its_points()
    {
        var grid = new HexagonGrid(100);
        var cells = grid.CellsCovering(-250, -250, 250, 250).ToHashSet();
        foreach (var (x, y) in new[] { (-250.0, -250.0), (250.0, 250.0), (0.0, 0.0), (-250.0, 250.0), (249.0, -249.0) })
            Assert.Contains(grid.CellOf(x, y), cells);
    }
}

using SceneMonitor.Analysis.Displacement;
using SceneMonitor.Analysis.Grid;
using SceneMonitor.Analysis.Projection;

namespace SceneMonitor.Analysis.Tests.Displacement;

public class DisplacementVectorsTests
{
    private static readonly SquareGrid Grid = new(100);
    private const CellChangeClass D = CellChangeClass.Decrease, I = CellChangeClass.Increase, N = CellChangeClass.None;

    [Fact]
    public void Clusters_are_basins_of_the_change_under_grid_adjacency()
    {
        var hex = new HexagonGrid(100);
        // (0,0), (1,0), (0,1) are adjacent hexagons with one peak (0,0); (5,5) stands alone.
        var clusters = HotspotClusters.Basins(hex, new Dictionary<CellKey, double> { [new(0, 0)] = 9, [new(1, 0)] = 2, [new(5, 5)] = 1, [new(0, 1)] = 3 });
        Assert.Equal(2, clusters.Count);
        Assert.Equal([new CellKey(0, 0), new CellKey(0, 1), new CellKey(1, 0)], clusters[0]);
        // Squares touching only at a corner are adjacent (queen contiguity).
        Assert.Single(HotspotClusters.Basins(Grid, new Dictionary<CellKey, double> { [new(0, 0)] = 1, [new(1, 1)] = 1 }));
        Assert.Empty(HotspotClusters.Basins(Grid, new Dictionary<CellKey, double>()));
        // Two peaks (310 and 346) joined by a cell of 13 stay two clusters; the bridge climbs to the higher
        // neighbour (98 beside the 310 peak, against 94 beside the 346 peak): hand computation.
        var row = new Dictionary<CellKey, double> { [new(0, 0)] = 310, [new(0, 1)] = 98, [new(0, 2)] = 13, [new(0, 3)] = 94, [new(0, 4)] = 346 };
        var two = HotspotClusters.Basins(Grid, row);
        Assert.Equal([[new CellKey(0, 0), new CellKey(0, 1), new CellKey(0, 2)], [new CellKey(0, 3), new CellKey(0, 4)]], two);
    }

    [Fact]
    public void Loss_is_linked_to_the_gaining_cluster_in_range()
    {
        // Losing: cells (0,0),(0,1) go 10 -> 2 each (significant decreases): loss 16, centroid (50, 100).
        // Gaining: cells (10,0),(10,1) go 0 -> 8 each (significant increases): gain 16, centroid (1050, 100), 1000 m east.
        // Far gaining cell (60,0) at 5.95 km is out of range.
        CellChange[] cells =
        [
            new(new(0, 0), 10, 2, D), new(new(0, 1), 10, 2, D),
            new(new(10, 0), 0, 8, I), new(new(10, 1), 0, 8, I),
            new(new(60, 0), 0, 5, I),
            new(new(30, 30), 4, 4, N), // no significant change: neither losing nor gaining
            new(new(31, 30), 9, 1, N), // fell, but not significantly: not a start
        ];
        var result = DisplacementVectors.Link(Grid, cells);
        Assert.Single(result.Losing);
        Assert.Equal(2, result.Gaining.Count);
        var vector = Assert.Single(result.Vectors);
        Assert.Equal(1000, vector.DistanceMetres, 1e-9);
        Assert.Equal(90, vector.BearingDegrees, 1e-9);
        Assert.Equal(16, vector.Weight, 1e-12);
        Assert.Equal(50, vector.From.X, 1e-12);
        Assert.Equal(100, vector.From.Y, 1e-12);
        Assert.Null(vector.FromLonLat);
        Assert.Equal(new BeforeAfter(20, 4), vector.FromCounts);
        Assert.Equal(new BeforeAfter(0, 16), vector.ToCounts);
        Assert.Null(result.Note);
    }

    [Fact]
    public void Loss_is_split_by_gain_share()
    {
        // Loss 16 at (0,0); gains 6 (north, 500 m) and 2 (south, 500 m): weights 16·6/8 = 12 and 16·2/8 = 4.
        CellChange[] cells =
        [
            new(new(0, 0), 20, 4, D),
            new(new(0, 5), 1, 7, I),
            new(new(0, -5), 0, 2, I),
        ];
        var vectors = DisplacementVectors.Link(Grid, cells).Vectors.OrderByDescending(v => v.Weight).ToArray();
        Assert.Equal(12, vectors[0].Weight, 1e-12);
        Assert.Equal(0, vectors[0].BearingDegrees, 1e-9);
        Assert.Equal(4, vectors[1].Weight, 1e-12);
        Assert.Equal(180, vectors[1].BearingDegrees, 1e-9);
    }

    [Fact]
    public void Lon_lat_come_from_the_projection()
    {
        var grid = new SquareGrid(150);
        var from = grid.CellOf(647692, 669476);
        var to = grid.CellOf(649509, 672223);
        var result = DisplacementVectors.Link(grid, [new(from, 10, 0, D), new(to, 0, 10, I)], 5000, LambertConformalConic.BelgianLambert2008);
        var vector = Assert.Single(result.Vectors);
        Assert.Equal(4.33, vector.FromLonLat!.Value.Lon, 0.01);
        Assert.Equal(50.86, vector.ToLonLat!.Value.Lat, 0.01);
    }

    [Fact]
    public void Nothing_to_link_gives_notes()
    {
        Assert.Contains("fell significantly", DisplacementVectors.Link(Grid, []).Note);
        Assert.Contains("rose significantly", DisplacementVectors.Link(Grid, [new(new(0, 0), 5, 1, D)]).Note);
        Assert.Contains("within 2000 m", DisplacementVectors.Link(Grid, [new(new(0, 0), 5, 1, D), new(new(100, 0), 0, 5, I)]).Note);
    }
}

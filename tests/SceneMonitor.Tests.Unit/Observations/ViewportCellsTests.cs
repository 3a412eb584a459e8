using SceneMonitor.Core.Observations;

namespace SceneMonitor.Tests.Unit.Observations;

public class ViewportCellsTests
{
    private static int Cell(double lon, double lat) => (int)((Math.Floor(lon * 100) + 18000) * 20000 + Math.Floor(lat * 100) + 9000);

    [Fact]
    public void Cells_cover_every_point_of_the_bbox_edges_and_corners_included()
    {
        var cells = ViewportCells.Covering(4.33, 50.82, 4.38, 50.84)!;
        Assert.Equal(6 * 3, cells.Length);
        Assert.Equal(cells.Length, cells.Distinct().Count());
        foreach (var (lon, lat) in new[] { (4.33, 50.82), (4.38, 50.84), (4.33, 50.84), (4.38, 50.82), (4.35, 50.83), (4.3799999, 50.8399999) })
            Assert.Contains(Cell(lon, lat), cells);
        Assert.DoesNotContain(Cell(4.3299, 50.83), cells);
        Assert.DoesNotContain(Cell(4.3951, 50.83), cells);
        Assert.DoesNotContain(Cell(4.35, 50.85), cells);
    }

    [Fact]
    public void A_point_bbox_is_one_cell_and_a_country_is_left_to_the_location_index()
    {
        Assert.Equal([Cell(4.3517, 50.8466)], ViewportCells.Covering(4.3517, 50.8466, 4.3517, 50.8466)!);
        Assert.NotNull(ViewportCells.Covering(4.24, 50.76, 4.48, 50.92)); // the Brussels region
        Assert.Null(ViewportCells.Covering(2.5, 49.5, 6.4, 51.5));          // Belgium
        Assert.Null(ViewportCells.Covering(4.4, 50.8, 4.3, 50.9));          // swapped corners
    }

    [Fact]
    public void Cells_are_numbered_for_the_whole_globe_without_overflow()
    {
        Assert.Equal([Cell(-180, -90)], ViewportCells.Covering(-180, -90, -180, -90)!);
        Assert.Equal([Cell(180, 90)], ViewportCells.Covering(180, 90, 180, 90)!);
        Assert.True(Cell(180, 90) > 0);
    }
}

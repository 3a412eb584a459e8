using SceneMonitor.Analysis.Centrography;
using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Tests.Centrography;

public class CentreShiftTests
{
    [Fact]
    public void Shift_distance_and_bearing()
    {
        // Centre (0,0) -> (300,400): 500 m; bearing atan2(300, 400) = 36.8699° east of north.
        var shift = CentreShift.Between([new(-1, 0), new(1, 0)], [new(300, 300), new(300, 500)]);
        Assert.Equal(500, shift.DistanceMetres!.Value, 1e-9);
        Assert.Equal(36.86989764584402, shift.BearingDegrees!.Value, 1e-9);
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(10, 0, 90)]
    [InlineData(0, -10, 180)]
    [InlineData(-10, 0, 270)]
    public void Bearing_is_clockwise_from_north(double dx, double dy, double bearing) =>
        Assert.Equal(bearing, Planar.Bearing(0, 0, dx, dy), 1e-12);

    [Fact]
    public void Empty_period_gives_a_note()
    {
        var shift = CentreShift.Between([], [new(1, 1)]);
        Assert.Null(shift.DistanceMetres);
        Assert.NotNull(shift.Note);
    }

    [Fact]
    public void Weighted_mean_centre()
    {
        var centre = MeanCentre.Of([new(0, 0, 3), new(4, 0, 1), new(100, 100, 0)]);
        Assert.Equal(new PlanarPoint(1, 0), centre.Centre);
        Assert.Equal(4, centre.TotalWeight);
    }

    [Fact]
    public void No_movement_is_noted()
    {
        var shift = CentreShift.Between([new(2, 2)], [new(2, 2)]);
        Assert.Equal(0, shift.DistanceMetres);
        Assert.Equal(0, shift.BearingDegrees);
        Assert.Contains("did not move", shift.Note);
    }
}

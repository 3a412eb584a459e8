using SceneMonitor.Analysis.Centrography;
using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Tests.Centrography;

public class StandardDeviationalEllipseTests
{
    [Fact]
    public void Axis_aligned_spread_hand_computation()
    {
        // (0,0), (±2,0), (0,±1): Σx̃² = 8, Σỹ² = 2, Σx̃ỹ = 0 -> C = 0 and x spread larger -> θ = 90°;
        // σx = √(2·2/5) = √0.8 (across), σy = √(2·8/5) = √3.2 (along the east-pointing axis).
        var e = StandardDeviationalEllipse.Of([new(0, 0), new(2, 0), new(-2, 0), new(0, 1), new(0, -1)]);
        Assert.Equal(new PlanarPoint(0, 0), e.Centre);
        Assert.Equal(90, e.RotationDegrees!.Value, 1e-12);
        Assert.Equal(Math.Sqrt(0.8), e.SigmaX!.Value, 1e-12);
        Assert.Equal(Math.Sqrt(3.2), e.SigmaY!.Value, 1e-12);
        Assert.Null(e.Note);
    }

    [Fact]
    public void Diagonal_spread_hand_computation()
    {
        // Along y = x with a little spread across: Σx̃² = Σỹ² = 10.5, Σx̃ỹ = 9.5 -> A = 0, B = C = 19,
        // θ = atan(1) = 45°; σy = √(2·20/6), σx = √(2·1/6).
        PlanarPoint[] points = [new(1, 1), new(-1, -1), new(2, 2), new(-2, -2), new(0.5, -0.5), new(-0.5, 0.5)];
        var e = StandardDeviationalEllipse.Of(points);
        Assert.Equal(45, e.RotationDegrees!.Value, 1e-9);
        Assert.Equal(Math.Sqrt(40.0 / 6), e.SigmaY!.Value, 1e-12);
        Assert.Equal(Math.Sqrt(2.0 / 6), e.SigmaX!.Value, 1e-12);
    }

    [Fact]
    public void Anti_diagonal_rotation_is_135_degrees()
    {
        PlanarPoint[] points = [new(1, -1), new(-1, 1), new(2, -2), new(-2, 2), new(0.5, 0.5), new(-0.5, -0.5)];
        Assert.Equal(135, StandardDeviationalEllipse.Of(points).RotationDegrees!.Value, 1e-9);
    }

    [Fact]
    public void Ring_is_closed_and_its_extreme_points_sit_on_the_axes()
    {
        var e = StandardDeviationalEllipse.Of([new(10, 10), new(14, 10), new(6, 10), new(10, 11), new(10, 9)]);
        var ring = e.Ring!;
        Assert.Equal(StandardDeviationalEllipse.RingVertices + 1, ring.Count);
        Assert.Equal(ring[0], ring[^1]);
        double maxDistance = ring.Max(p => Planar.Distance(p, e.Centre!.Value));
        Assert.Equal(e.SigmaY!.Value, maxDistance, 1e-9);
        Assert.Equal(10 + e.SigmaY!.Value, ring.Max(p => p.X), 1e-9); // long axis points east
    }

    [Fact]
    public void Weights_act_like_repeated_points()
    {
        PlanarPoint[] repeated = [new(0, 0), new(0, 0), new(3, 1), new(-1, 2), new(4, -3)];
        PlanarPoint[] weighted = [new(0, 0, 2), new(3, 1), new(-1, 2), new(4, -3)];
        var a = StandardDeviationalEllipse.Of(repeated);
        var b = StandardDeviationalEllipse.Of(weighted);
        Assert.Equal(a.SigmaX!.Value, b.SigmaX!.Value, 1e-12);
        Assert.Equal(a.SigmaY!.Value, b.SigmaY!.Value, 1e-12);
        Assert.Equal(a.RotationDegrees!.Value, b.RotationDegrees!.Value, 1e-12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Fewer_than_three_points_give_a_note(int n)
    {
        var e = StandardDeviationalEllipse.Of(Enumerable.Range(0, n).Select(i => new PlanarPoint(i, i)).ToArray());
        Assert.Null(e.Ring);
        Assert.Null(e.SigmaX);
        Assert.Contains("at least three", e.Note);
        Assert.Equal(n == 0, e.Centre is null);
    }

    [Fact]
    public void Identical_points_give_a_note()
    {
        var e = StandardDeviationalEllipse.Of([new(5, 5), new(5, 5), new(5, 5)]);
        Assert.Equal(new PlanarPoint(5, 5), e.Centre);
        Assert.Null(e.Ring);
        Assert.Contains("identical", e.Note);
    }

    [Fact]
    public void Collinear_points_give_a_line_and_a_note()
    {
        var e = StandardDeviationalEllipse.Of([new(0, 0), new(1, 1), new(2, 2), new(3, 3)]);
        Assert.Equal(0, e.SigmaX!.Value, 1e-9);
        Assert.Contains("collinear", e.Note);
        Assert.All(e.Ring!, p => Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y)));
    }
}

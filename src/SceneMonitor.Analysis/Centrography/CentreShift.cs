using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Centrography;

/// <summary>Movement of the mean centre from period A to period B: metres and grid bearing (0 = north, clockwise).</summary>
public sealed record CentreShiftResult(PlanarPoint? From, PlanarPoint? To, double? DistanceMetres, double? BearingDegrees, string? Note);

public static class CentreShift
{
    public static CentreShiftResult Between(IReadOnlyList<PlanarPoint> periodA, IReadOnlyList<PlanarPoint> periodB)
    {
        var a = MeanCentre.Of(periodA).Centre;
        var b = MeanCentre.Of(periodB).Centre;
        if (a is null || b is null)
            return new CentreShiftResult(a, b, null, null, "A period without points has no centre, so there is no shift.");
        var (from, to) = (a.Value, b.Value);
        double distance = Planar.Distance(from, to);
        return new CentreShiftResult(from, to, distance, Planar.Bearing(from.X, from.Y, to.X, to.Y),
            distance == 0 ? "The centre did not move." : null);
    }
}

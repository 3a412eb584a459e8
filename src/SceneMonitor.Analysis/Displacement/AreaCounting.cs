using SceneMonitor.Analysis.Geometry;

namespace SceneMonitor.Analysis.Displacement;

/// <summary>
/// Sums point weights into target, buffer rings and control areas for the WDQ/WDD. A point outside
/// the target belongs to ring k when its distance d to the target satisfies r(k−1) &lt; d ≤ r(k)
/// (r(0) = 0). The control buffer is (0, r_max] around the control area.
/// </summary>
public static class AreaCounting
{
    public static AreaCounts Count(IReadOnlyList<PlanarPoint> periodA, IReadOnlyList<PlanarPoint> periodB,
        PlanarPolygon target, IReadOnlyList<double> ringDistances, PlanarPolygon? control, out int overlapping)
    {
        ValidateRings(ringDistances);
        double outer = ringDistances.Count == 0 ? 0 : ringDistances[^1];
        var a = Tally(periodA, target, ringDistances, control, outer);
        var b = Tally(periodB, target, ringDistances, control, outer);
        overlapping = a.Overlapping + b.Overlapping;
        var rings = ringDistances.Select((_, k) => new BeforeAfter(a.Rings[k], b.Rings[k])).ToArray();
        return new AreaCounts(new BeforeAfter(a.Target, b.Target), rings,
            control is null ? null : new BeforeAfter(a.Control, b.Control),
            control is null || outer == 0 ? null : new BeforeAfter(a.ControlBuffer, b.ControlBuffer));
    }

    public static void ValidateRings(IReadOnlyList<double> ringDistances)
    {
        for (int k = 0; k < ringDistances.Count; k++)
        {
            if (!(ringDistances[k] > 0) || double.IsInfinity(ringDistances[k]) || (k > 0 && ringDistances[k] <= ringDistances[k - 1]))
                throw new ArgumentException("Ring distances must be positive, finite and increasing.", nameof(ringDistances));
        }
    }

    private sealed record Tallies(double Target, double[] Rings, double Control, double ControlBuffer, int Overlapping);

    private static Tallies Tally(IReadOnlyList<PlanarPoint> points, PlanarPolygon target, IReadOnlyList<double> rings,
        PlanarPolygon? control, double outer)
    {
        double inTarget = 0, inControl = 0, inControlBuffer = 0;
        var ringSums = new double[rings.Count];
        int overlapping = 0;
        foreach (var p in points)
        {
            double toTarget = target.DistanceTo(p.X, p.Y);
            bool nearTarget = toTarget <= outer;
            if (toTarget == 0) inTarget += p.Weight;
            else
            {
                int ring = RingOf(toTarget, rings);
                if (ring >= 0) ringSums[ring] += p.Weight;
            }
            if (control is null) continue;
            double toControl = control.DistanceTo(p.X, p.Y);
            if (toControl == 0) inControl += p.Weight;
            else if (toControl <= outer) inControlBuffer += p.Weight;
            if (toControl <= outer && nearTarget) overlapping++;
        }
        return new Tallies(inTarget, ringSums, inControl, inControlBuffer, overlapping);
    }

    private static int RingOf(double distance, IReadOnlyList<double> rings)
    {
        for (int k = 0; k < rings.Count; k++)
            if (distance <= rings[k]) return k;
        return -1;
    }
}
